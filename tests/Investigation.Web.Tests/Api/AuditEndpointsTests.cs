using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Api;

/// <summary>VerifyAuditChain through the API.</summary>
public sealed class AuditEndpointsTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task VerifyAuditChain_IsIntact_UntilAnEntryIsAltered()
    {
        await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "审计");
        var auditor = await app.BearerAsync("auditor");

        var before = await auditor.GetJsonAsync("/api/v1/audit/verify");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
            var last = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
            last.Actor = "someone-else";
            await db.SaveChangesAsync();
        }
        var after = await auditor.GetJsonAsync("/api/v1/audit/verify");

        Assert.True(before["intact"]!.GetValue<bool>(), before["message"]!.GetValue<string>());
        Assert.True(before["entriesChecked"]!.GetValue<long>() >= 1);
        Assert.False(after["intact"]!.GetValue<bool>());
        Assert.Equal(before["entriesChecked"]!.GetValue<long>(), after["brokenAt"]!.GetValue<long>());
        Assert.Contains("altered", after["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task VerifyAuditChain_ForACaseOfficer_Is403()
    {
        var officer = await app.BearerAsync("caseofficer");

        var refused = await officer.GetAsync("/api/v1/audit/verify").Expect(HttpStatusCode.Forbidden);

        Assert.True(ApiClient.IsProblem(refused));
        Assert.Contains("审计人员", (await ApiClient.JsonAsync(refused))["title"]!.GetValue<string>());
    }
}
