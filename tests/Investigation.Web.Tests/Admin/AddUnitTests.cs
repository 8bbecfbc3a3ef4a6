using System.Net;
using Investigation.Domain.Organisation;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;

namespace Investigation.Web.Tests.Admin;

/// <summary>An administrator adds units below their own; the organisation tree's rules refuse what the Measures do not allow.</summary>
public sealed class AddUnitTests(WebApp app) : IClassFixture<WebApp>
{
    private static (string, string)[] Unit(string name, UnitKind kind, AdministrativeLevel level, Guid parent, string industry = "") =>
        [("Input.Name", name), ("Input.Kind", kind.ToString()), ("Input.Level", level.ToString()), ("Input.ParentId", parent.ToString()), ("Input.Industry", industry)];

    [Fact]
    public async Task AddUnit_UnderAParent_AppearsBelowItInTheTreeAtOnce()
    {
        var admin = await app.SignInAsync("admin");
        // The tree is read (and cached) before the change.
        Assert.DoesNotContain("临川市数据局", (await WebApp.PageAsync(admin, "/Admin/Organisation")).QuerySelector("main")?.TextContent);

        var response = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]",
            Unit("临川市数据局", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, DemoOrganisation.Linchuan.Value, "政务"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tree = await WebApp.PageAsync(admin, "/Admin/Organisation");
        var added = tree.QuerySelectorAll($"#unit-{DemoOrganisation.Linchuan.Value} > ul > li")
            .SingleOrDefault(li => li.QuerySelector(".unit-name")?.TextContent == "临川市数据局");
        Assert.NotNull(added);
        Assert.Contains("地市级", added.QuerySelector("header")?.TextContent);
        Assert.Contains("党政机关", added.QuerySelector("header")?.TextContent);
        Assert.Contains(await app.AuditAsync(), e => e.Action == "AddUnit" && e.Data.Contains(AdminTestSupport.Json("临川市数据局")));
        Assert.Equal("admin", (await app.AuditAsync()).Last().Actor);
    }

    [Fact]
    public async Task AddUnit_AboveItsParentsLevel_IsRefused()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]",
            Unit("临川省级机构", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Provincial, DemoOrganisation.Linchuan.Value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("的行政级别不能高于其上级单位“临川市委”", await AdminTestSupport.MessageAsync(response));
        Assert.DoesNotContain("临川省级机构", (await WebApp.PageAsync(admin, "/Admin/Organisation")).QuerySelector("main")?.TextContent);
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Data.Contains(AdminTestSupport.Json("临川省级机构")));
    }

    [Fact]
    public async Task AddUnit_ARegulatorWithoutItsIndustry_IsRefused()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]",
            Unit("临川市通信管理局", UnitKind.IndustryRegulator, AdministrativeLevel.Prefecture, DemoOrganisation.Linchuan.Value));

        Assert.Contains("必须写明其主管监管的行业", await AdminTestSupport.MessageAsync(response));
    }
}
