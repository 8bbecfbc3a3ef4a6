using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;

namespace Investigation.Web.Tests.Admin;

/// <summary>An administrator adds people to a unit and sets its leadership team from them.</summary>
public sealed class SetLeadershipTeamTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly Guid Education = DemoOrganisation.LinchuanEducation.Value;

    [Fact]
    public async Task AddPerson_ThenSetLeadershipTeam_ShowsTheNewTeamInTheTree()
    {
        var admin = await app.SignInAsync("admin");
        Assert.Equal("袁芳（局长）", (await WebApp.PageAsync(admin, "/Admin/Organisation")).QuerySelector($"#unit-{Education} .main-lead")?.TextContent);

        var added = await admin.SubmitAsync($"/Admin/Organisation/AddPerson?unitId={Education}", "main form[method=post]",
            ("Input.Name", "柳青"), ("Input.Post", "副局长"), ("Input.UnitId", Education.ToString()),
            ("Input.ManagingOrganisationId", DemoOrganisation.Linchuan.Value.ToString()));
        var form = await WebApp.PageAsync(admin, $"/Admin/Organisation/Leadership/{Education}");
        var newcomer = form.QuerySelectorAll("select[name='Input.MainLeadId'] option").Single(o => o.TextContent.StartsWith("柳青")).GetAttribute("value")!;
        var set = await admin.SubmitAsync($"/Admin/Organisation/Leadership/{Education}", "main form[method=post]",
            ("Input.MainLeadId", DemoOrganisation.Person("邓军").Value.ToString()),
            ("Input.SecurityLeadId", DemoOrganisation.Person("袁芳").Value.ToString()),
            ("Input.OtherMemberIds", newcomer), ("Input.EffectiveFrom", "2026-03-02"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var unit = (await WebApp.PageAsync(admin, "/Admin/Organisation")).QuerySelector($"#unit-{Education}")!;
        Assert.Equal("邓军（副局长（分管网络安全））", unit.QuerySelector(".main-lead")?.TextContent);
        Assert.Equal("袁芳（局长）", unit.QuerySelector(".security-lead")?.TextContent);
        Assert.Equal("柳青", unit.QuerySelector(".other-members")?.TextContent);
        var audit = await app.AuditAsync();
        Assert.Contains(audit, e => e.Action == "AddPerson" && e.Data.Contains(AdminTestSupport.Json("柳青")));
        Assert.Contains(audit, e => e.Action == "SetLeadershipTeam" && e.Data.Contains("邓军, 袁芳, 柳青"));
    }

    [Fact]
    public async Task SetLeadershipTeam_WithSomeoneOfAnotherUnit_IsRefused()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Organisation/Leadership/{Education}", "main form[method=post]",
            ("Input.MainLeadId", DemoOrganisation.Person("王建国").Value.ToString()),
            ("Input.SecurityLeadId", DemoOrganisation.Person("邓军").Value.ToString()), ("Input.EffectiveFrom", "2026-03-02"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("王建国不属于临川市教育局", await AdminTestSupport.MessageAsync(response));
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Data.Contains(DemoOrganisation.Person("王建国").Value.ToString()));
    }

    [Fact]
    public async Task SetLeadershipTeam_WithoutAMainLead_IsRefusedNextToTheField()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Organisation/Leadership/{Education}", "main form[method=post]",
            ("Input.MainLeadId", ""), ("Input.SecurityLeadId", DemoOrganisation.Person("邓军").Value.ToString()));

        Assert.Contains("主要负责人", await AdminTestSupport.MessageAsync(response, "Input.MainLeadId"));
    }

    [Fact]
    public async Task SetLeadershipTeam_WithoutTheDateItTakesEffect_IsRefusedNextToTheField()
    {
        var admin = await app.SignInAsync("admin");
        var before = (await app.AuditAsync()).Count;

        var response = await admin.SubmitAsync($"/Admin/Organisation/Leadership/{Education}", "main form[method=post]",
            ("Input.MainLeadId", DemoOrganisation.Person("邓军").Value.ToString()), ("Input.SecurityLeadId", DemoOrganisation.Person("袁芳").Value.ToString()));

        Assert.Contains("任职的日期", await AdminTestSupport.MessageAsync(response, "Input.EffectiveFrom"));
        Assert.Equal(before, (await app.AuditAsync()).Count);
    }
}
