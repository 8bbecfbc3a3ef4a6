using DocumentFormat.OpenXml.Packaging;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Daily;

/// <summary>The dashboard's figures lead to their lists; the monthly trend; the case list as a workbook.</summary>
public sealed class DashboardDrillDownTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Dashboard_FiguresLinkToTheirLists_AndTheMonthCountsTheCasesRegistered()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "钻取测试");
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, "/Dashboard");

        var status = page.QuerySelector("#by-status tr[data-key=Registered] a")!;
        Assert.Equal("/Cases?status=Registered", status.GetAttribute("href"));
        var list = await WebApp.PageAsync(client, status.GetAttribute("href")!);
        Assert.Contains(registered.Number, list.QuerySelector("main table")!.TextContent);
        Assert.Equal("/Cases?circumstance=PortalParalysed&state=open", page.QuerySelector("#by-circumstance tr[data-key=PortalParalysed] td[data-state=open] a")!.GetAttribute("href"));
        Assert.Equal("/Cases?circumstance=PortalParalysed&state=closed", page.QuerySelector("#by-circumstance tr[data-key=PortalParalysed] td[data-state=closed] a")!.GetAttribute("href"));
        // 2026-03-02 09:00 in China: this month is the last of the twelve.
        var months = page.QuerySelectorAll("#by-month tbody tr").ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal("2026-03", months[^1].GetAttribute("data-key"));
        // Every case of this test class was registered this month: the month's figure is the case list's total.
        var all = await WebApp.PageAsync(client, "/Cases");
        Assert.Equal(all.QuerySelector("hgroup strong")!.TextContent, months[^1].QuerySelector("td")!.TextContent);
        Assert.NotEqual("0", months[^1].QuerySelector("td")!.TextContent);
        Assert.Equal("0", months[0].QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task CaseList_ExportsAsAWorkbook_OfTheCasesTheUserSees()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "导出测试");
        var client = await app.SignInAsync("caseofficer");

        var response = await client.GetAsync("/Cases?handler=Export");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var cells = Cells(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("案件编号", cells[0][0]);
        Assert.Contains(cells, r => r[0] == registered.Number && r[1] == "导出测试" && r[2] == "江北省人民政府办公厅");

        var outsider = await app.SignInAsync("caseofficer-anping");
        var theirs = Cells(await (await outsider.GetAsync("/Cases?handler=Export")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(theirs, r => r[0] == registered.Number);
    }

    private static List<string[]> Cells(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToArray()).ToList();
    }
}
