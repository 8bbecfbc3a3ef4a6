using System.Net;
using Investigation.Domain.Incidents;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Audit;

/// <summary>The audit page (GetAuditRecord) and its verification (VerifyAuditChain).</summary>
public sealed class GetAuditRecordTests(WebApp app) : IClassFixture<WebApp>
{
    private static HttpRequestMessage Htmx(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return request;
    }

    private async Task<long> EntriesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().AuditEntries.LongCountAsync();
    }

    [Theory]
    [InlineData("investigator")]
    [InlineData("caseofficer")]
    public async Task AuditPage_ForOtherRoles_IsForbidden(string user)
    {
        var client = await app.SignInAsync(user);

        var page = await client.GetAsync("/Audit");
        var verify = await client.SendAsync(Htmx("/Audit?handler=Verify"));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("审计人员", (await WebApp.ParseAsync(page)).QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, verify.StatusCode);
    }

    [Fact]
    public async Task AuditPage_ShowsEntriesNewestFirst_AndThoseOfOneCase()
    {
        var first = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "第一起")).CaseId;
        var second = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "第二起")).CaseId;
        await app.Script.AcceptAsync(first);
        var client = await app.SignInAsync("auditor");

        var all = await WebApp.PageAsync(client, "/Audit");
        var sequences = all.QuerySelectorAll("#audit-entries tbody tr td:first-child").Select(td => long.Parse(td.TextContent)).ToList();
        Assert.True(sequences.Count >= 3);
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.Contains("CompleteAcceptance", all.QuerySelector("#audit-entries tbody tr")!.TextContent); // the newest

        var ofFirst = await WebApp.PageAsync(client, $"/Audit?caseId={first}");
        var rows = ofFirst.QuerySelectorAll("#audit-entries tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("CompleteAcceptance", rows[0]);
        Assert.Contains("RegisterIncident", rows[1]);
        Assert.DoesNotContain(ofFirst.QuerySelectorAll("#audit-entries a"), a => a.GetAttribute("href")!.Contains(second.ToString()));
    }

    [Fact]
    public async Task AuditOfOneCase_OfAnUnknownCase_IsNotFound()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var admin = await app.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Audit?caseId={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Audit?caseId={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task AuditRecord_OfAnAuditorOfAnotherUnit_LeavesOutTheCasesOutsideTheirUnit()
    {
        var province = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var anping = (await app.Script.SendAs("caseofficer-anping", new RegisterIncident.Command(DemoOrganisation.AnpingNews.Value, "安平新闻网被篡改",
            "首页被篡改。", app.Clock.GetUtcNow().AddHours(-1), new IncidentFactsInput(), [Article3Duty.ProtectionAndIncidentHandling]))).CaseId;
        // No demo auditor sits in Anping: this one reads as the web layer would set them up.
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor =
            new Actor("anping-auditor", "anping-auditor", DemoOrganisation.Anping, new HashSet<string> { Roles.Auditor });
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var record = await mediator.Send(new GetAuditRecord.Query(PageSize: 500));

        Assert.Contains(record.Entries, e => e.CaseId == anping);
        Assert.DoesNotContain(record.Entries, e => e.CaseId == province);
        await Assert.ThrowsAsync<NotFoundException>(() => mediator.Send(new GetAuditRecord.Query(province)));
    }

    [Fact]
    public async Task Verify_SaysIntact_ThenWhereItBreaksAfterAnEntryIsEditedInTheDatabase()
    {
        await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "待核验");
        await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "待核验二");
        var client = await app.SignInAsync("auditor");
        var count = await EntriesAsync();

        var page = await WebApp.PageAsync(client, "/Audit");
        Assert.NotNull(page.QuerySelector("form[hx-get='/Audit?handler=Verify'] button"));
        var intact = await WebApp.ParseAsync(await client.SendAsync(Htmx("/Audit?handler=Verify")));
        var verdict = intact.QuerySelector("#verification")!;
        Assert.Equal("true", verdict.GetAttribute("data-intact"));
        Assert.Contains($"已核验 {count} 条记录", verdict.TextContent);

        // Someone with database access rewrites history: the last-but-one entry's data.
        var target = count - 1;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
            var changed = await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Data\" = \"Data\" || ' (edited)' WHERE \"Sequence\" = {target}");
            Assert.Equal(1, changed);
        }

        var broken = (await WebApp.ParseAsync(await client.SendAsync(Htmx("/Audit?handler=Verify")))).QuerySelector("#verification")!;
        Assert.Equal("false", broken.GetAttribute("data-intact"));
        Assert.Contains($"第 {target} 条处断裂", broken.TextContent);
        Assert.Contains($"Entry {target} was altered after it was written", broken.TextContent);

        // Without htmx, the same verdict on the whole page.
        var full = await WebApp.PageAsync(client, "/Audit?handler=Verify");
        Assert.NotNull(full.QuerySelector("h1"));
        Assert.Equal("false", full.QuerySelector("#verification")!.GetAttribute("data-intact"));
    }
}
