using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;

namespace Investigation.Web.Tests.Cases;

/// <summary>Three cases, made once for the class: two at the province (one accepted), one in Linchuan.</summary>
public sealed class ListCasesApp : WebApp, IAsyncLifetime
{
    public Guid Portal { get; private set; }
    public Guid Investigating { get; private set; }
    public Guid Education { get; private set; }

    public async Task InitializeAsync()
    {
        var now = Clock.GetUtcNow();
        Portal = (await Script.RegisterPortalOutageAsync(now, title: "省政府门户网站遭篡改")).CaseId;
        Investigating = (await Script.RegisterPortalOutageAsync(now, hoursDown: 3, title: "门户网站短时中断")).CaseId;
        await Script.AcceptAsync(Investigating);
        // A Linchuan case about a data leak, which the province sees and Anping does not.
        Education = (await Script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(
            DemoOrganisation.LinchuanEducation.Value, "学生信息泄露", "教育局招生系统数据库遭拖库，十万余条学生个人信息泄露。", now.AddDays(-1),
            new IncidentFactsInput { DataLeak = new IncidentFactsInput.DataLeakInput(false, LargeScalePersonalInformationLeaked: true, false, 120_000) },
            [], ["数据库审计日志"]))).CaseId;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The case list (ListCases): the cases of my units, filtered.</summary>
public sealed class ListCasesTests(ListCasesApp app) : IClassFixture<ListCasesApp>
{
    private static async Task<List<string>> NumbersAsync(HttpClient client, string url) =>
        (await WebApp.PageAsync(client, url)).QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task List_ShowsTheCasesOfMyUnitsWithTheirColumns()
    {
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, "/Cases");

        var row = page.QuerySelectorAll("main table tbody tr").Single(r => r.QuerySelector($"a[href='/Cases/Details/{app.Portal}']") is not null);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Matches(@"^\d{4}-\d{4}$", cells[0]);
        Assert.Equal("省政府门户网站遭篡改", cells[1]);
        Assert.Equal("江北省人民政府办公厅", cells[2]);
        Assert.Equal("已登记", cells[3]);
        Assert.Contains("(1)", cells[4]);
        Assert.Contains("(2)", cells[4]);
        Assert.NotEmpty(cells[5]);
        Assert.Equal(3, page.QuerySelectorAll("main table tbody tr a[href^='/Cases/Details/']").Length);
    }

    [Fact]
    public async Task List_OfAnotherPrefecture_ShowsNoneOfOurCases_AndLinchuanSeesOnlyItsOwn()
    {
        var anping = await app.SignInAsync("caseofficer-anping");
        var linchuan = await app.SignInAsync("caseofficer-linchuan");

        Assert.Empty(await NumbersAsync(anping, "/Cases"));
        Assert.Equal([$"/Cases/Details/{app.Education}"], await NumbersAsync(linchuan, "/Cases"));
    }

    [Fact]
    public async Task List_FiltersByStatusCircumstanceUnitAndText()
    {
        var client = await app.SignInAsync("caseofficer");

        Assert.Equal([$"/Cases/Details/{app.Investigating}"], await NumbersAsync(client, $"/Cases?status={CaseStatus.Investigating}"));
        // The three-hour outage does not meet circumstance (2); the eight-hour one does.
        Assert.Equal([$"/Cases/Details/{app.Portal}"], await NumbersAsync(client, $"/Cases?circumstance={Circumstance.PortalParalysed}"));
        Assert.Equal([$"/Cases/Details/{app.Education}"], await NumbersAsync(client, $"/Cases?circumstance={Circumstance.DataLeak}"));
        // A unit includes the units below it: the Linchuan committee's cases include its education bureau's.
        Assert.Equal([$"/Cases/Details/{app.Education}"], await NumbersAsync(client, $"/Cases?unit={DemoOrganisation.Linchuan.Value}"));
        Assert.Equal(2, (await NumbersAsync(client, $"/Cases?unit={DemoOrganisation.ProvincialGovernmentOffice.Value}")).Count);
        Assert.Equal([$"/Cases/Details/{app.Investigating}"], await NumbersAsync(client, "/Cases?q=" + Uri.EscapeDataString("短时")));
    }

    [Fact]
    public async Task List_FilterByAUnitOutsideMine_ShowsNothing()
    {
        var linchuan = await app.SignInAsync("caseofficer-linchuan");

        Assert.Empty(await NumbersAsync(linchuan, $"/Cases?unit={DemoOrganisation.ProvincialGovernmentOffice.Value}"));
    }
}
