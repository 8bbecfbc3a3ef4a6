using System.Net;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Web.Tests.Support;
using Investigation.Web.Tests.Tasks;
using Investigation.Workflows.Data;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Outages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Cases;

/// <summary>The registration page (RegisterIncident): a case officer registers an incident with its Article 8 facts.</summary>
public sealed class RegisterIncidentTests(WebApp app) : IClassFixture<WebApp>
{
    private async Task<int> CountCasesAsync(string? title = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Cases.CountAsync(c => title == null || c.Title == title);
    }

    [Fact]
    public async Task Register_WithTheFactsOfAParalysedPortal_CreatesTheCaseAndShowsIt()
    {
        var client = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");

        var response = await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "省政府门户网站瘫痪",
            ["Input.Description"] = "门户网站遭攻击后瘫痪，未及时组织处置。",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
            ["Input.Facts.PortalParalysis.Alleged"] = "true",
            ["Input.Facts.PortalParalysis.Site"] = "PartyOrGovernmentPortal",
            ["Input.Facts.PortalParalysis.SiteLevel"] = "Provincial",
            ["Input.Facts.PortalParalysis.Attacked"] = "true",
            ["Input.Facts.PortalParalysis.DownAt"] = "2026-03-01T08:30",
            ["Input.Facts.PortalParalysis.RestoredAt"] = "2026-03-01T14:30",
            ["Input.Evidence"] = "网站访问日志\n值班记录\n",
        }, ("Input.DutiesFailed", "ProtectionAndIncidentHandling"));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Cases/Details/", location);
        var c = (await app.Script.SendAs("caseofficer", new GetCase.Query(Guid.Parse(location["/Cases/Details/".Length..])))).Case;
        Assert.Equal((CaseStatus.Registered, "省政府门户网站瘫痪", DemoOrganisation.ProvincialGovernmentOffice), (c.Status, c.Title, c.UnitId));
        // Entered in China Standard Time: 08:30 to 14:30 is exactly the six hours "6小时以上" includes.
        Assert.Equal([Circumstance.PortalParalysed], c.Evaluation.Met);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), c.OccurredAt);
        Assert.Equal([Article3Duty.ProtectionAndIncidentHandling], c.DutiesFailed);
        Assert.Equal(["网站访问日志", "值班记录"], c.Evidence);
        Assert.Single(c.Facts);
    }

    [Fact]
    public async Task Register_WithoutTitleOrFacts_ShowsMessagesNextToTheFields_AndRegistersNothing()
    {
        var client = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");
        var before = await CountCasesAsync();

        var response = await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Description"] = "没有标题，也没有事实。",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebApp.ParseAsync(response);
        Assert.Equal("'标题' 不能为空。", page.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent.Trim()); // the field's name in Chinese too
        Assert.Contains("请至少记录一项第八条所列情形的事实", page.QuerySelector("[data-valmsg-for='Input.Facts']")!.TextContent);
        Assert.Equal("没有标题，也没有事实。", page.QuerySelector("textarea[name='Input.Description']")!.TextContent.Trim());
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task Register_WithoutWhenItOccurred_OrWhenTheSiteWentDown_AsksForThem()
    {
        var client = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");

        var page = await WebApp.ParseAsync(await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "没有时间",
            ["Input.Description"] = "未填写时间。",
            ["Input.Facts.PortalParalysis.Alleged"] = "true",
        }));

        Assert.Contains("请填写事件发生的时间", page.QuerySelector("[data-valmsg-for='Input.OccurredAt']")!.TextContent);
        Assert.Contains("请填写网站瘫痪开始的时间", page.QuerySelector("[data-valmsg-for='Input.Facts.PortalParalysis.DownAt']")!.TextContent);
        Assert.Equal(0, await CountCasesAsync("没有时间"));
    }

    [Fact]
    public async Task Register_ServiceRestoredBeforeItWentDown_IsRefused()
    {
        var client = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");

        var page = await WebApp.ParseAsync(await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "时间颠倒",
            ["Input.Description"] = "恢复早于瘫痪。",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
            ["Input.Facts.PortalParalysis.Alleged"] = "true",
            ["Input.Facts.PortalParalysis.DownAt"] = "2026-03-01T10:00",
            ["Input.Facts.PortalParalysis.RestoredAt"] = "2026-03-01T09:00",
        }));

        // The validator refuses it before any fact is built, so the message stands next to the field.
        Assert.Contains("恢复服务的时间不能早于中断的时间",
            page.QuerySelector("[data-valmsg-for='Input.Facts.PortalParalysis.RestoredAt']")!.TextContent);
        Assert.Equal(0, await CountCasesAsync("时间颠倒"));
    }

    [Fact]
    public async Task UnitChooser_OffersTheOfficersUnitAndTheUnitsBelowIt()
    {
        var form = await WebApp.FormAsync(await app.SignInAsync("caseofficer-linchuan"), "/Cases/Register", "main form[method=post]");

        var units = form.QuerySelectorAll("select[name='Input.UnitId'] option").Select(o => o.GetAttribute("value")).ToList();

        Assert.Contains(DemoOrganisation.Linchuan.ToString(), units);
        Assert.Contains(DemoOrganisation.LinchuanPowerGrid.ToString(), units);
        Assert.Contains(DemoOrganisation.QingshiGovernment.ToString(), units);
        Assert.DoesNotContain(DemoOrganisation.ProvincialGovernmentOffice.ToString(), units);
        Assert.DoesNotContain(DemoOrganisation.AnpingNews.ToString(), units);
    }

    [Fact]
    public async Task Register_ForAUnitAboveTheOfficers_IsRefused()
    {
        var client = await app.SignInAsync("caseofficer-linchuan");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");

        var page = await WebApp.ParseAsync(await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "越级登记",
            ["Input.Description"] = "临川市案件专员为省级单位登记。",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
            ["Input.Facts.DataLeak.Alleged"] = "true",
            ["Input.Facts.DataLeak.StateSecretsLeaked"] = "true",
        }));

        Assert.Contains("不在您的管辖范围内", page.QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.Equal(0, await CountCasesAsync("越级登记"));
    }

    [Fact]
    public async Task OtherRoles_AreForbidden_ThePageAndThePost()
    {
        var client = await app.SignInAsync("investigator");

        var page = await client.GetAsync("/Cases/Register");
        var token = (await WebApp.PageAsync(client, "/Tasks")).QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var post = await client.PostAsync("/Cases/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "调查员登记",
            ["Input.Description"] = "不应登记。",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
            ["Input.Facts.DataLeak.Alleged"] = "true",
            ["Input.Facts.DataLeak.StateSecretsLeaked"] = "true",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Null((await WebApp.ParseAsync(page)).QuerySelector("main form[method=post]"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await CountCasesAsync("调查员登记"));
    }

    [Fact]
    public async Task Register_FromAFlaggedOutage_StartsFromItsFacts()
    {
        var down = app.Clock.GetUtcNow().AddHours(-7);
        var outage = await app.Script.SendAs("caseofficer", new RegisterOutage.Command(
            DemoOrganisation.ProvincialGovernmentOffice.Value, "www.jiangbei.gov.cn", down, Attacked: true, "首页无法访问。"));
        var client = await app.SignInAsync("caseofficer");

        var form = await WebApp.FormAsync(client, $"/Cases/Register?outage={outage.OutageId}", "main form[method=post]");

        Assert.Equal(DemoOrganisation.ProvincialGovernmentOffice.ToString(), (form.QuerySelector("select[name='Input.UnitId'] option[selected]"))!.GetAttribute("value"));
        Assert.Equal("首页无法访问。", form.QuerySelector("textarea[name='Input.Description']")!.TextContent.Trim());
        Assert.True(form.QuerySelector("input[name='Input.Facts.PortalParalysis.Alleged']")!.HasAttribute("checked"));
        Assert.True(form.QuerySelector("input[name='Input.Facts.PortalParalysis.Attacked']")!.HasAttribute("checked"));
        Assert.Equal("2026-03-02T02:00", form.QuerySelector("input[name='Input.Facts.PortalParalysis.DownAt']")!.GetAttribute("value")); // 7 hours before 09:00, Beijing time
        Assert.Equal("", form.QuerySelector("input[name='Input.Facts.PortalParalysis.RestoredAt']")!.GetAttribute("value"));

        var response = await TaskForms.PostAsync(client, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var c = (await app.Script.SendAs("caseofficer", new GetCase.Query(Guid.Parse(response.Headers.Location!.OriginalString["/Cases/Details/".Length..])))).Case;
        Assert.Contains(Circumstance.PortalParalysed, c.Evaluation.Met);
    }
}
