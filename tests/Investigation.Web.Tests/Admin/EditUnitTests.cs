using System.Net;
using Investigation.Domain.Organisation;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Web.Tests.Admin;

/// <summary>Rename, move, re-describe and retire units, and retire people, in the admin pages; each on the audit record.</summary>
public sealed class EditUnitTests : IDisposable
{
    private readonly WebApp app = new();
    private static readonly Guid Education = DemoOrganisation.LinchuanEducation.Value;

    public void Dispose() => app.Dispose();

    private static (string, string)[] Fields(string name, UnitKind kind, AdministrativeLevel level, Guid parent, string? industry = null, Guid? regulator = null) =>
        [("Input.Name", name), ("Input.Kind", kind.ToString()), ("Input.Level", level.ToString()), ("Input.ParentId", parent.ToString()),
         ("Input.Industry", industry ?? ""), ("Input.RegulatorId", regulator?.ToString() ?? "")];

    [Fact]
    public async Task RenameAndMove_ChangeTheTree_AndGoOnTheAuditRecord()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Organisation/EditUnit/{Education}", "main form[method=post]:not([action*=Retire])",
            Fields("青石县教育局", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.County, DemoOrganisation.Qingshi.Value, "教育"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tree = await WebApp.PageAsync(admin, "/Admin/Organisation");
        Assert.Equal("青石县教育局", tree.QuerySelector($"#unit-{DemoOrganisation.Qingshi.Value} #unit-{Education} .unit-name")?.TextContent);
        var entry = Assert.Single(await app.AuditAsync(), e => e.Action == "EditUnit");
        Assert.Equal("admin", entry.Actor);
        Assert.Contains("临川市教育局", entry.Data);
    }

    [Fact]
    public async Task MoveAboveItsParentsLevel_IsRefused_AndChangesNothing()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Organisation/EditUnit/{Education}", "main form[method=post]:not([action*=Retire])",
            Fields("临川市教育局", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, DemoOrganisation.Qingshi.Value, "教育"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能高于其上级单位", await AdminTestSupport.MessageAsync(response));
        Assert.Equal(DemoOrganisation.Linchuan.Value, await app.ReadAsync(db => db.Units.Where(u => u.Id == Education).Select(u => u.ParentId).SingleAsync()));
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Action == "EditUnit");
    }

    [Fact]
    public async Task ARegulatorThatIsNotARegulator_IsRefused()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Organisation/EditUnit/{Education}", "main form[method=post]:not([action*=Retire])",
            Fields("临川市教育局", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, DemoOrganisation.Linchuan.Value, "教育", DemoOrganisation.LinchuanGovernment.Value));

        Assert.Contains("不是行业主管监管部门", await AdminTestSupport.MessageAsync(response));
    }

    [Fact]
    public async Task RetireAUnit_KeepsItsCases_AndItTakesNoNewCase()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());
        var admin = await app.SignInAsync("admin");

        var retired = await admin.SubmitAsync($"/Admin/Organisation/EditUnit/{DemoOrganisation.ProvincialGovernmentOffice.Value}", "main form[action*=Retire]");

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var details = await (await app.SignInAsync("caseofficer")).GetAsync($"/Cases/Details/{registered.CaseId}");
        Assert.True(details.StatusCode == HttpStatusCode.OK, await details.Content.ReadAsStringAsync());
        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow()));
        Assert.Contains(refused.Errors, e => e.PropertyName == "UnitId");
        Assert.Contains(await app.AuditAsync(), e => e.Action == "RetireUnit" && e.Actor == "admin");
        Assert.Contains("已撤销", (await WebApp.PageAsync(admin, "/Admin/Organisation")).QuerySelector($"#unit-{DemoOrganisation.ProvincialGovernmentOffice.Value} .retired")?.TextContent);
    }

    [Fact]
    public async Task RetireAPerson_InOffice_IsRefused_OtherwiseKeptOnRecord()
    {
        var admin = await app.SignInAsync("admin");
        var page = await WebApp.PageAsync(admin, "/Admin/Organisation");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> RetireAsync(string name) => await admin.PostAsync(
            $"/Admin/Organisation/RetirePerson/{DemoOrganisation.Person(name).Value}?unitId={DemoOrganisation.ProvincialGovernmentOffice.Value}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        var inOffice = await RetireAsync("刘德明");
        var staff = await RetireAsync("方磊");

        Assert.Equal(HttpStatusCode.Redirect, inOffice.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.Equal((false, true), await app.ReadAsync(async db => (
            await db.People.Where(p => p.Id == DemoOrganisation.Person("刘德明").Value).Select(p => p.Retired).SingleAsync(),
            await db.People.Where(p => p.Id == DemoOrganisation.Person("方磊").Value).Select(p => p.Retired).SingleAsync())));
        Assert.Single(await app.AuditAsync(), e => e.Action == "RetirePerson" && e.Data.Contains("方磊"));
    }

    [Fact]
    public async Task AnAdministratorOfAnotherUnit_GetsNotFound()
    {
        var admin = await app.SignInAsync("admin");
        await admin.CreateUserAsync("admin-anping", DemoOrganisation.Anping.Value, WebApp.Password, "Administrator");
        var other = await app.SignInAsync("admin-anping");

        var response = await other.GetAsync($"/Admin/Organisation/EditUnit/{Education}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
