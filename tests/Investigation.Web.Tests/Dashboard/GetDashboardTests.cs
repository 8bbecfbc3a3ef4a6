using AngleSharp.Html.Dom;
using Investigation.Domain.Incidents;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Dashboard;

/// <summary>The dashboard (GetDashboard) counts what was set up, and only in the user's units.</summary>
public sealed class GetDashboardTests(WebApp app) : IClassFixture<WebApp>
{
    private static Dictionary<string, string> Figures(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"#{table} tbody tr").ToDictionary(r => r.GetAttribute("data-key")!, r => r.QuerySelector("[data-value]")!.GetAttribute("data-value")!);

    [Fact]
    public async Task Dashboard_CountsOpenCasesOverdueTasksAndTimePerStep_OfMyUnitsOnly()
    {
        var script = app.Script;
        var now = app.Clock.GetUtcNow();
        // Province: one waiting for acceptance, one accepted after 5 hours, one rejected after 1 hour,
        // one on a failed Article 3 duty only. Linchuan: a data leak waiting for acceptance.
        await script.RegisterPortalOutageAsync(now, title: "待受理");
        var accepted = (await script.RegisterPortalOutageAsync(now, hoursDown: 3, title: "已受理")).CaseId;
        var rejected = (await script.RegisterPortalOutageAsync(now, title: "不予受理")).CaseId;
        await script.SendAs("caseofficer", new RegisterIncident.Command(DemoOrganisation.ProvincialDaily.Value, "宣传教育缺失", "未开展网络安全宣传教育。",
            now.AddDays(-10), new IncidentFactsInput(), [Article3Duty.EducationAndTalent]));
        await script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.LinchuanEducation.Value, "学生信息泄露", "十万余条学生个人信息泄露。",
            now.AddDays(-1), new IncidentFactsInput { DataLeak = new IncidentFactsInput.DataLeakInput(false, true, false, 120_000) }));

        app.Clock.Advance(TimeSpan.FromHours(1));
        await script.SendAs("caseofficer", new CompleteAcceptance.Command(
            await script.TaskAsync(rejected, TaskKinds.Acceptance, "caseofficer"), false, null, null, "重复登记。"));
        app.Clock.Advance(TimeSpan.FromHours(4));
        await script.AcceptAsync(accepted);
        // Acceptance is due in 3 days: the three cases still waiting for it are now overdue; the accepted one's levels are not.
        app.Clock.Advance(TimeSpan.FromDays(4));

        var province = await WebApp.PageAsync(await app.SignInAsync("caseofficer"), "/Dashboard");

        Assert.Equal("4", province.QuerySelector("#open-cases")!.TextContent);
        Assert.Equal("3", province.QuerySelector("#overdue-tasks")!.TextContent);
        var byCircumstance = Figures(province, "by-circumstance");
        Assert.Equal("2", byCircumstance[nameof(Circumstance.PortalTampered)]);
        Assert.Equal("1", byCircumstance[nameof(Circumstance.PortalParalysed)]); // the 3-hour outage does not count, the rejected case is closed
        Assert.Equal("1", byCircumstance[nameof(Circumstance.DataLeak)]);
        Assert.Equal("0", byCircumstance[nameof(Circumstance.ObstructionOfSecurityOrgans)]);
        Assert.Equal("1", byCircumstance["None"]);
        var byStatus = Figures(province, "by-status");
        Assert.Equal("3", byStatus["Registered"]);
        Assert.Equal("1", byStatus["Investigating"]);
        Assert.DoesNotContain("Rejected", byStatus.Keys); // not open
        var steps = Figures(province, "step-times");
        Assert.Equal([TaskKinds.Acceptance], steps.Keys);
        Assert.Equal("3", steps[TaskKinds.Acceptance]); // (5 h + 1 h) / 2
        Assert.Contains("2", province.QuerySelector($"#step-times tr[data-key={TaskKinds.Acceptance}] td:last-child")!.TextContent);
        Assert.Equal(4, province.QuerySelectorAll("canvas[data-chart-for]").Length); // with the trend by month

        var linchuan = await WebApp.PageAsync(await app.SignInAsync("caseofficer-linchuan"), "/Dashboard");

        Assert.Equal("1", linchuan.QuerySelector("#open-cases")!.TextContent);
        Assert.Equal("1", linchuan.QuerySelector("#overdue-tasks")!.TextContent);
        Assert.Equal("1", Figures(linchuan, "by-circumstance")[nameof(Circumstance.DataLeak)]);
        Assert.Equal("0", Figures(linchuan, "by-circumstance")[nameof(Circumstance.PortalTampered)]);
        Assert.Null(linchuan.QuerySelector("#step-times"));

        var anping = await WebApp.PageAsync(await app.SignInAsync("caseofficer-anping"), "/Dashboard");
        Assert.Equal("0", anping.QuerySelector("#open-cases")!.TextContent);
        Assert.Equal("0", anping.QuerySelector("#overdue-tasks")!.TextContent);

        // Open and closed apart: the rejected (tampered and paralysed) portal is the one closed case of its circumstances.
        Assert.Equal("1", province.QuerySelector($"#by-circumstance tr[data-key={nameof(Circumstance.PortalParalysed)}] td[data-state=closed]")!.TextContent.Trim());
        Assert.Equal("1", province.QuerySelector($"#by-circumstance tr[data-key={nameof(Circumstance.PortalTampered)}] td[data-state=closed]")!.TextContent.Trim());
        Assert.Equal("0", province.QuerySelector($"#by-circumstance tr[data-key={nameof(Circumstance.DataLeak)}] td[data-state=closed]")!.TextContent.Trim());

        // Every figure's list holds exactly that figure's number of rows, for each unit; Anping's lists hold none of the others' cases.
        var provinceNumbers = new List<string>();
        foreach (var user in new[] { "caseofficer", "caseofficer-linchuan", "caseofficer-anping" })
        {
            var client = await app.SignInAsync(user);
            var page = await WebApp.PageAsync(client, "/Dashboard");
            var links = page.QuerySelectorAll("#open-cases, #overdue-tasks, #by-circumstance td a, #by-status td a")
                .Select(e => e.Closest("a")!).ToList();
            Assert.Equal(2 + 2 * Enum.GetValues<Circumstance>().Length + page.QuerySelectorAll("#by-status tbody tr").Length, links.Count);
            foreach (var link in links)
            {
                var list = await WebApp.PageAsync(client, link.GetAttribute("href")!);
                var rows = link.GetAttribute("href")!.StartsWith("/Dashboard/ListOverdueTasks", StringComparison.Ordinal)
                    ? list.QuerySelectorAll("#overdue-tasks tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList()
                    : await AllCaseNumbersAsync(client, link.GetAttribute("href")!);
                Assert.True(link.TextContent.Trim() == rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{user}: {link.GetAttribute("href")} shows {link.TextContent.Trim()} but lists {rows.Count}");
                // The list's workbook holds the same rows.
                var href = link.GetAttribute("href")!;
                var export = await client.GetAsync(href + (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Export");
                Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
                Assert.Equal(rows.Order(StringComparer.Ordinal), FirstColumn(await export.Content.ReadAsByteArrayAsync()).Order(StringComparer.Ordinal));
                if (user == "caseofficer") provinceNumbers.AddRange(rows);
                if (user == "caseofficer-anping") Assert.Empty(rows.Intersect(provinceNumbers));
            }
        }
        Assert.NotEmpty(provinceNumbers);
    }

    /// <summary>A workbook's first column, below its header row.</summary>
    private static List<string> FirstColumn(byte[] workbook)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Skip(1)
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().First().InnerText).ToList();
    }

    /// <summary>The case numbers of a case list, every page of it.</summary>
    private static async Task<List<string>> AllCaseNumbersAsync(HttpClient client, string href)
    {
        var numbers = new List<string>();
        for (var p = 1; ; p++)
        {
            var page = await WebApp.PageAsync(client, $"{href}&p={p}");
            var rows = page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
            numbers.AddRange(rows);
            if (rows.Count == 0 || numbers.Count >= int.Parse(page.QuerySelector("hgroup strong")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)) break;
        }
        return numbers;
    }
}
