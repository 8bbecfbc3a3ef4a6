using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>The nightly audit-chain verification (a Hangfire recurring job), run here directly: silent while intact, a notification to administrators and auditors when broken.</summary>
public sealed class AuditChainCheckTests : IAsyncLifetime
{
    private DeadlineApp app = null!;

    public async Task InitializeAsync() => app = await DeadlineApp.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<string> RunCheckAsync() => app.Services.GetRequiredService<AuditChainCheck>().RunAsync(CancellationToken.None);

    [Fact]
    public async Task IntactChain_WritesNothing()
    {
        await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());
        var entries = await app.Read(db => db.AuditEntries.CountAsync());

        var outcome = await RunCheckAsync();

        Assert.StartsWith("intact", outcome);
        Assert.Empty(await app.NotificationsAsync(kind: NotificationKind.AuditChainBroken));
        Assert.Equal(entries, await app.Read(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task BrokenChain_TellsEveryAdministratorAndAuditor_AndNobodyElse()
    {
        await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());
        // Someone edits an entry behind the application's back.
        await app.Read(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET Data = Data || ' (altered)' WHERE Sequence = (SELECT MIN(Sequence) FROM audit_entries)"));

        var outcome = await RunCheckAsync();

        Assert.StartsWith("broken", outcome);
        var told = await app.NotificationsAsync(kind: NotificationKind.AuditChainBroken);
        var expected = await app.Read(db => (from u in db.Users
                                             join ur in db.UserRoles on u.Id equals ur.UserId
                                             join r in db.Roles on ur.RoleId equals r.Id
                                             where r.Name == "Administrator" || r.Name == "Auditor"
                                             select u.UserName!).Distinct().OrderBy(n => n).ToListAsync());
        Assert.Contains("admin", expected);
        Assert.Contains("auditor", expected);
        Assert.Equal(expected, told.Select(n => n.Recipient).Order().ToList());
        Assert.All(told, n => Assert.Equal("/Audit", n.Link));
    }

    [Fact]
    public async Task OnlyTheSystem_ReportsABreak()
    {
        await Assert.ThrowsAsync<Messages.ForbiddenException>(() => app.SendAs("admin", new ReportAuditChainBreak.Command(10, 3, "forged")));
        Assert.Empty(await app.NotificationsAsync(kind: NotificationKind.AuditChainBroken));
    }
}
