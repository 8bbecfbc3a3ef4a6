using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Tests.Deadlines;
using Investigation.Workflows.Tests.Procedure;
using Investigation.Workflows.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Workflows.Tests.Data;

/// <summary>
/// A command sent again under the same idempotency key by the same user answers what it answered and
/// changes nothing; sent at the same moment (a resend racing the original), it runs once. On SQLite
/// (one process) and on PostgreSQL (two nodes on one database).
/// </summary>
public sealed class IdempotencyTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static RegisterIncident.Command Incident(DateTimeOffset now, string title) => new(
        DemoOrganisation.ProvincialGovernmentOffice.Value, title, "门户网站首页被篡改，随后服务中断。",
        now.AddHours(-10),
        new IncidentFactsInput
        {
            PortalParalysis = new(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Provincial, Attacked: true, DisposalOrganisedInTime: false,
                DownAt: now.AddHours(-9), RestoredAt: now.AddHours(-1)),
        },
        [Article3Duty.ProtectionAndIncidentHandling]);

    private static async Task<T> SendKeyed<T>(IServiceProvider services, string userName, string? key, IRequest<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = (await IdentitySetup.ActorForAsync(db, userName))!;
        scope.ServiceProvider.GetRequiredService<IdempotencyScope>().Key = key;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static async Task<(int Cases, int Audit, int Keys)> CountAsync(IServiceProvider services, string title)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        return (await db.Cases.CountAsync(c => c.Title == title), await db.AuditEntries.CountAsync(), await db.Set<IdempotentRequest>().CountAsync());
    }

    private static async Task ResendAnswersTheOriginal_AndChangesNothing(IServiceProvider services, DateTimeOffset now)
    {
        const string title = "幂等重发测试";
        var before = await CountAsync(services, title);
        var first = await SendKeyed(services, "caseofficer", "key-1", Incident(now, title));
        var again = await SendKeyed(services, "caseofficer", "key-1", Incident(now, title));
        Assert.Equal((first.CaseId, first.Number), (again.CaseId, again.Number));
        Assert.Equal((before.Cases + 1, before.Audit + 1, before.Keys + 1), await CountAsync(services, title));

        // The same key with another request is refused, and nothing is written.
        var other = await Assert.ThrowsAsync<ConflictException>(() => SendKeyed(services, "caseofficer", "key-1", Incident(now, title + "（另一个）")));
        Assert.Contains("Idempotency-Key", other.Message);
        Assert.Equal((0, before.Audit + 1), ((await CountAsync(services, title + "（另一个）")).Cases, (await CountAsync(services, title)).Audit));

        // The key is the user's: another user's same key is another request.
        var theirs = await SendKeyed(services, "caseofficer-linchuan", "key-1", new RegisterIncident.Command(DemoOrganisation.LinchuanEducation.Value,
            "临川 " + title, "学籍系统数据库遭非法访问，学生个人信息泄露。", now.AddDays(-1),
            new IncidentFactsInput { DataLeak = new(false, true, false, 120_000) }, [Article3Duty.ProtectionAndIncidentHandling]));
        Assert.NotEqual(first.CaseId, theirs.CaseId);

        // Without a key, as before: every request runs.
        await SendKeyed(services, "caseofficer", null, Incident(now, title));
        await SendKeyed(services, "caseofficer", null, Incident(now, title));
        Assert.Equal(before.Cases + 3, (await CountAsync(services, title)).Cases);
    }

    /// <summary>The same keyed request from many senders at once: one runs; every other answers its outcome or is a 409; never a second case.</summary>
    private static async Task ConcurrentResends_RunOnce(IReadOnlyList<IServiceProvider> nodes, DateTimeOffset now)
    {
        const string title = "幂等并发测试";
        var sent = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try { return (Result: await SendKeyed(nodes[i % nodes.Count], "caseofficer", "race-key", Incident(now, title)), Conflict: (Exception?)null); }
            catch (ConflictException e) { return (Result: (RegisterIncident.Result?)null, Conflict: (Exception?)e); }
        })).ToList();
        var answers = await Task.WhenAll(sent);
        var results = answers.Where(a => a.Result is not null).Select(a => a.Result!.CaseId).Distinct().ToList();
        Assert.Single(results);
        Assert.Equal(1, (await CountAsync(nodes[0], title)).Cases);
    }

    [Fact]
    public async Task Sqlite_resend_answers_the_original_and_changes_nothing()
    {
        await using var app = await AppHost.StartAsync();
        await ResendAnswersTheOriginal_AndChangesNothing(app.Services, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Sqlite_concurrent_resends_run_once()
    {
        await using var app = await AppHost.StartAsync();
        await ConcurrentResends_RunOnce([app.Services], app.Clock.GetUtcNow());
    }

    /// <summary>The nightly job forgets keys older than a day and keeps the newer ones, which still answer their resends.</summary>
    [Fact]
    public async Task Keys_older_than_KeepFor_are_forgotten_by_the_nightly_job_and_newer_ones_still_answer()
    {
        await using var app = await AppHost.StartAsync();
        var old = await SendKeyed(app.Services, "caseofficer", "old-key", Incident(app.Clock.GetUtcNow(), "幂等键过期测试一"));
        app.Clock.Advance(TimeSpan.FromHours(20));
        var recent = await SendKeyed(app.Services, "caseofficer", "recent-key", Incident(app.Clock.GetUtcNow(), "幂等键过期测试二"));
        app.Clock.Advance(TimeSpan.FromHours(5));

        int forgotten;
        await using (var scope = app.Services.CreateAsyncScope())
            forgotten = await scope.ServiceProvider.GetRequiredService<ForgetOldIdempotencyKeys>().RunAsync(CancellationToken.None);

        Assert.Equal(1, forgotten);
        Assert.Equal(recent.CaseId, (await SendKeyed(app.Services, "caseofficer", "recent-key", Incident(app.Clock.GetUtcNow().AddHours(-5), "幂等键过期测试二"))).CaseId);
        await using var check = app.Services.CreateAsyncScope();
        var keys = await check.ServiceProvider.GetRequiredService<InvestigationDbContext>().Set<IdempotentRequest>().Select(k => k.Key).ToListAsync();
        Assert.DoesNotContain("old-key", keys);
        Assert.Contains("recent-key", keys);
        Assert.NotEqual(Guid.Empty, old.CaseId);
    }

    [Fact]
    public async Task Postgres_resend_answers_the_original_and_concurrent_resends_on_two_nodes_run_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var connectionString = await postgres.CreateDatabaseAsync("idempotency");
        await using var a = await PostgresConcurrencyTests.NodeAsync(connectionString, clock);
        await using var b = await PostgresConcurrencyTests.NodeAsync(connectionString, clock);
        await DatabaseInitialiser.MigrateAsync(a);
        await DemoSeeder.SeedOrganisationAsync(a);
        await DemoSeeder.SeedUsersAsync(a, AppHost.Password);

        await ResendAnswersTheOriginal_AndChangesNothing(a, clock.GetUtcNow());
        await ConcurrentResends_RunOnce([a, b], clock.GetUtcNow());
    }
}
