using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Daily;

/// <summary>The audit page in words (GetAuditRecord): operations named, ids and numbers read as names, the raw entry one click away.</summary>
public sealed class AuditInWordsTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task AuditPage_SaysTheOperationInWords_AndTheContentWithNames_KeepingTheRawEntry()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Decided, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        var client = await app.SignInAsync("auditor");

        var page = await WebApp.PageAsync(client, $"/Audit?caseId={id}");

        var decision = page.QuerySelectorAll("#audit-entries tbody tr").Single(r => r.QuerySelector(".operation")!.TextContent.Contains("记录问责决定"));
        var content = decision.QuerySelector("dl.audit-content")!.TextContent;
        // People by name and post, forms of accountability by their names, the task by its kind: no ids, no numbers.
        Assert.Contains("刘德明", content);
        Assert.Contains("诫勉", content);
        Assert.Contains("问责决定", content);
        Assert.DoesNotMatch(@"[0-9a-f]{8}-[0-9a-f]{4}-", content);
        Assert.Equal("江北省委（partycommittee）", decision.QuerySelector(".actor")!.TextContent.Trim()); // the name beside the user name
        // The raw entry, as stored and hashed, is folded beneath.
        var raw = decision.QuerySelector("details.audit-raw")!;
        Assert.Contains("RecordDecision", raw.TextContent);
        Assert.Contains("\"Forms\":[", raw.TextContent);
        // The case filter link's accessible name starts with what it shows (axe: label-content-name-mismatch).
        var filter = page.QuerySelector("a.case-filter")!;
        Assert.Null(filter.GetAttribute("aria-label"));
    }
}
