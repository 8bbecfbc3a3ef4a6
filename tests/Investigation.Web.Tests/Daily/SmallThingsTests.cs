using System.Net;
using Investigation.Web.Tests.Admin;
using Investigation.Web.Tests.Support;
using Investigation.Web.Tests.Tasks;
using Investigation.Workflows.Data;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Daily;

/// <summary>The small things a person meets every day (issue 16): words, icons, the register form's circumstances, the QR code.</summary>
public sealed class SmallThingsTests(WebApp app) : IClassFixture<WebApp>
{
    private async Task<int> CountCasesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Cases.CountAsync();
    }

    [Fact]
    public async Task Register_FactsTypedWithoutTickingTheirCircumstance_AreRefusedBesideIt_AndTheOtherValuesStay()
    {
        var client = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");
        var before = await CountCasesAsync();

        var response = await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "学籍系统数据泄露",
            ["Input.Description"] = "数据库遭非法访问。",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
            // Circumstance (3)'s facts, but its "alleged" box left unticked.
            ["Input.Facts.DataLeak.LargeScalePersonalInformationLeaked"] = "true",
            ["Input.Facts.DataLeak.PersonalRecordsLeaked"] = "120000",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebApp.ParseAsync(response);
        Assert.Contains("未勾选“涉及此情形”", page.QuerySelector("[data-valmsg-for='Input.Facts.DataLeak.Alleged']")!.TextContent);
        // Its facts stay open with what was typed; the dates and the rest keep their values.
        var section = page.QuerySelector("fieldset[data-circumstance=DataLeak]")!;
        Assert.Contains("unalleged-facts", section.ClassList);
        Assert.Equal("120000", section.QuerySelector("input[name='Input.Facts.DataLeak.PersonalRecordsLeaked']")!.GetAttribute("value"));
        Assert.Equal("2026-03-01T08:00", page.QuerySelector("input[name='Input.OccurredAt']")!.GetAttribute("value"));
        Assert.Equal("学籍系统数据泄露", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        // The circumstances not touched are not marked: only their tick box shows (the facts open with it).
        Assert.DoesNotContain("unalleged-facts", page.QuerySelector("fieldset[data-circumstance=Obstruction]")!.ClassList);
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task Register_AMissingDescription_IsNamedAsItsLabel_InChinese()
    {
        var client = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(client, "/Cases/Register", "main form[method=post]");

        var response = await TaskForms.PostAsync(client, form, new()
        {
            ["Input.UnitId"] = DemoOrganisation.ProvincialGovernmentOffice.ToString(),
            ["Input.Title"] = "门户网站瘫痪",
            ["Input.Description"] = "",
            ["Input.OccurredAt"] = "2026-03-01T08:00",
            ["Input.Facts.PortalParalysis.Alleged"] = "true",
            ["Input.Facts.PortalParalysis.DownAt"] = "2026-03-01T08:30",
        });

        var page = await WebApp.ParseAsync(response);
        var message = page.QuerySelector("[data-valmsg-for='Input.Description']")!.TextContent;
        Assert.Contains("事件经过", message);
        Assert.Contains("事件经过", page.QuerySelector("label:has(textarea[name='Input.Description'])")!.TextContent);
        Assert.Equal("2026-03-01T08:30", page.QuerySelector("input[name='Input.Facts.PortalParalysis.DownAt']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task EveryPage_HasAFavicon_AndTheBellIsAnImageOfOurOwn()
    {
        var client = await app.SignInAsync("investigator");

        var page = await WebApp.PageAsync(client, "/Tasks");

        var icon = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        var bell = page.QuerySelector("#notification-bell img")!.GetAttribute("src")!;
        Assert.DoesNotContain("🔔", page.QuerySelector("#notification-bell")!.TextContent);
        foreach (var asset in new[] { icon, bell })
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task AuthenticatorSetup_ShowsAQrCode_BesideTheKey()
    {
        var client = await app.SignInAsync("auditor");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Account/Manage/EnableAuthenticator", "main form[method=post]")).StatusCode);

        var page = await WebApp.PageAsync(client, "/Account/Manage/EnableAuthenticator");

        var qr = page.QuerySelector("#authenticator-qr svg");
        Assert.NotNull(qr);
        // A QR code of an otpauth URI is dozens of modules a side: far more than an empty frame.
        Assert.True(qr.InnerHtml.Length > 1000, qr.InnerHtml);
        Assert.NotNull(page.QuerySelector("#shared-key"));
    }

    [Fact]
    public async Task ANotResponsibleFinding_IsLabelled不负有责任()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.RecordLevelAsync(id, TaskKinds.PartyConcernedFindings, CaseScript.Operator, responsible: false);
        var client = await app.SignInAsync("investigator");

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        var finding = page.QuerySelector("#level-1 table.findings tbody tr")!.TextContent;
        Assert.Contains("不负有责任", finding);
        Assert.DoesNotContain("不负责任", finding);
    }
}
