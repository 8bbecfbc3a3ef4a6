using System.Text.RegularExpressions;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Web.Tests.Admin;
using Investigation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Investigation.Web.Tests.Browser;

/// <summary>The browser on a production start with an empty database.</summary>
public sealed class FirstDayBrowserApp() : BrowserApp(demo: false);

/// <summary>
/// A real office's first day, as the README's Deploy section tells it: the administrator made by the
/// setup-admin command, the organisation imported from the example workbook, a case officer created in
/// the pages, and the first case registered by that officer. Screenshots in first-day/.
/// </summary>
public sealed class FirstDayBrowserTests(FirstDayBrowserApp app) : IClassFixture<FirstDayBrowserApp>
{
    private int shot;

    private Task Screenshot(IPage page, string name) => BrowserApp.ScreenshotAsync(page, $"first-day/{++shot:00}-{name}");

    private Task<Guid> UnitAsync(string code) => app.ReadAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task FirstDay_SetUpTheAdministrator_ImportTheOrganisation_CreateACaseOfficer_RegisterACase()
    {
        // The administrator, from the server's console; the password from standard input.
        var setup = await FirstDayApp.RunCommandAsync(app.DatabasePath, WebApp.Password, null, "setup-admin", "--user", "root", "--name", "系统管理员");
        Assert.True(setup.ExitCode == 0, setup.Output);

        // The organisation, from the example workbook: first a dry run, then the import.
        var admin = await app.OpenAsAsync("root");
        await admin.GotoAsync("/Admin/Organisation");
        await Expect(admin.Locator("#no-organisation")).ToBeVisibleAsync();
        await admin.GotoAsync("/Admin/Organisation/Import");
        var workbook = Path.Combine(FirstDayApp.RepositoryRoot(), "deploy", "organisation", "example-organisation.xlsx");
        await admin.Locator("input[name=Upload]").SetInputFilesAsync(workbook);
        await admin.GetByRole(AriaRole.Button, new() { Name = "预览（不作修改）" }).ClickAsync();
        await Expect(admin.Locator("#import-report h2")).ToContainTextAsync("预览");
        await Screenshot(admin, "import-dry-run");
        await admin.Locator("input[name=Upload]").SetInputFilesAsync(workbook);
        await admin.Locator("input[name=InitialPassword]").FillAsync(WebApp.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#import-report h2")).ToHaveTextAsync("已导入");
        await Screenshot(admin, "imported");
        await admin.GotoAsync("/Admin/Organisation");
        await Expect(admin.Locator(".org-tree > li .unit-name").First).ToHaveTextAsync("东川省委");
        await Screenshot(admin, "organisation");

        // A case officer of the province, created in the pages: a user sees their unit and the units below it.
        var office = await UnitAsync("DC");
        await admin.GotoAsync("/Admin/Users/Create");
        await admin.Locator("input[name='Input.UserName']").FillAsync("zhang.officer");
        await admin.Locator("input[name='Input.DisplayName']").FillAsync("张专员");
        await admin.Locator("select[name='Input.UnitId']").SelectOptionAsync(office.ToString());
        await admin.Locator("input[name='Input.Roles'][value=CaseOfficer]").CheckAsync();
        await admin.Locator("input[name='Input.Password']").FillAsync(WebApp.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/Admin/Users"));
        await Screenshot(admin, "case-officer-created");

        // The first real case, registered by that officer.
        var officer = await app.OpenAsAsync("zhang.officer");
        await officer.GotoAsync("/Cases/Register");
        await officer.GetByLabel("事发单位").SelectOptionAsync((await UnitAsync("DC-ZFB")).ToString());
        await officer.GetByLabel("标题").FillAsync("省政府门户网站遭攻击瘫痪");
        await officer.GetByLabel("事件经过").FillAsync("东川省人民政府门户网站遭受攻击后服务中断十小时，值班人员未及时报告。");
        await officer.GetByLabel("发生时间（北京时间）").FillAsync("2026-03-01T08:00");
        var paralysis = officer.GetByRole(AriaRole.Group, new() { NameRegex = new Regex(@"^\(2\)") });
        await paralysis.GetByLabel("涉及此情形").CheckAsync();
        await paralysis.GetByLabel("网站类型").SelectOptionAsync(new SelectOptionValue { Label = "党政机关门户网站" });
        await paralysis.GetByLabel("网站所属层级").SelectOptionAsync(new SelectOptionValue { Label = AdministrativeLevel.Provincial.Name().Zh });
        await paralysis.GetByLabel("受到攻击").CheckAsync();
        await paralysis.GetByLabel("瘫痪开始（北京时间）").FillAsync("2026-03-01T08:30");
        await paralysis.GetByLabel("恢复时间（尚未恢复则留空）").FillAsync("2026-03-01T18:30");
        await officer.GetByRole(AriaRole.Checkbox, new() { Name = Article3Duty.ProtectionAndIncidentHandling.Name().Zh }).CheckAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();

        await Expect(officer).ToHaveURLAsync(new Regex(@"/Cases/Details/[0-9a-f-]{36}$"));
        await Expect(officer.Locator("#case-status")).ToHaveTextAsync(CaseStatus.Registered.Name().Zh);
        await Screenshot(officer, "first-case");
        Assert.Equal(0, await app.ReadAsync(db => db.Units.CountAsync(u => u.Name.Contains("江北"))));
    }
}
