using Investigation.Domain.Cases;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Runtime.Persistence;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Investigation.Workflows.Tests.DemoSeeding;

/// <summary>
/// What `dotnet run` seeds on a fresh database: the organisation, the users, and cases at every stage made
/// by the real workflow. Seeding runs at every start, so a second run must write nothing. The cases are
/// seeded once for the class (it runs the whole workflow many times over); no test here changes them.
/// </summary>
public sealed class DemoSeedingTests(DemoSeedingTests.Seeded seeded) : IClassFixture<DemoSeedingTests.Seeded>
{
    private AppHost app => seeded.App;

    public sealed class Seeded : IAsyncLifetime
    {
        public AppHost App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await AppHost.StartAsync();
            await SeedCasesAsync();
        }

        public Task SeedCasesAsync() => DemoCases.SeedAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Investigation"] = $"Data Source={App.DatabasePath}" }).Build(),
            App.Clock);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Organisation_AndUsers_AreEveryDemoUnitPersonAndUser()
    {
        var tree = DemoOrganisation.Build();

        Assert.Equal(tree.Units.Select(u => u.Id.Value).Order(), await app.Read(db => db.Units.Select(u => u.Id).OrderBy(id => id).ToListAsync()));
        Assert.Equal(tree.People.Select(p => p.Id.Value).Order(), await app.Read(db => db.People.Select(p => p.Id).OrderBy(id => id).ToListAsync()));
        Assert.Equal(DemoOrganisation.Users.Select(u => u.UserName).Order(), await app.Read(db => db.Users.Select(u => u.UserName!).OrderBy(n => n).ToListAsync()));
    }

    [Fact]
    public async Task Cases_AreAtTheStagesTheDemoDescribes_WithOverdueTasks_AndAnIntactAuditChain()
    {
        var statuses = await app.Read(db => db.Cases.ToDictionaryAsync(c => c.Title, c => c.Status));
        Assert.Equal(new Dictionary<string, CaseStatus>
        {
            ["省政府门户网站遭篡改并瘫痪9小时"] = CaseStatus.Closed,
            ["省政府门户网站首页被植入有害信息"] = CaseStatus.AwaitingDecision,
            ["门户网站遭DDoS攻击瘫痪10小时"] = CaseStatus.Investigating,
            ["门户网站短暂中断"] = CaseStatus.Rejected,
            ["教育局学籍系统数据泄露"] = CaseStatus.Registered,
            ["供电调度系统遭网络攻击"] = CaseStatus.Registered,
            ["门户网站瘫痪6小时"] = CaseStatus.UnderReview,
            ["门户网站遭勒索软件攻击瘫痪"] = CaseStatus.Hearing,
            ["门户网站被篡改（补充调查）"] = CaseStatus.Investigating,
            ["门户网站瘫痪6.5小时"] = CaseStatus.Registered,
            ["安平新闻网被篡改"] = CaseStatus.Registered,
        }, statuses);

        var now = app.Clock.GetUtcNow();
        Assert.True(await app.Read(db => db.HumanTasks.CountAsync(t => t.Status == HumanTaskStatus.Open && t.DueAt < now)) >= 3, "some demo tasks are overdue");
        Assert.False(await app.Read(db => db.HumanTasks.AnyAsync(t => t.CreatedAt > now)), "nothing was made in the future");
        var chain = await app.SendAs("auditor", new VerifyAuditChain.Query());
        Assert.True(chain.Intact, chain.Message);
    }

    [Fact]
    public async Task EverySeededRow_SatisfiesTheForeignKeys_WhichAreEnforced()
    {
        var (enforced, violations) = await app.Read(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return (await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync(),
                await db.Database.SqlQueryRaw<string>("SELECT \"table\" AS Value FROM pragma_foreign_key_check").ToListAsync());
        });

        Assert.Equal(1, enforced);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task SeedingAgain_WritesNothing()
    {
        var before = await CountsAsync();
        Assert.Contains("cases 11,", before);

        await DemoSeeder.SeedOrganisationAsync(app.Services);
        await DemoSeeder.SeedUsersAsync(app.Services, AppHost.Password);
        await seeded.SeedCasesAsync();

        Assert.Equal(before, await CountsAsync());
    }

    private Task<string> CountsAsync() => app.Read(async db => string.Join(", ",
        $"units {await db.Units.CountAsync()}", $"people {await db.People.CountAsync()}", $"users {await db.Users.CountAsync()}",
        $"roles {await db.Roles.CountAsync()}", $"cases {await db.Cases.CountAsync()}", $"instances {await db.WorkflowInstances.CountAsync()}",
        $"tasks {await db.HumanTasks.CountAsync()}", $"bookmarks {await db.Bookmarks.CountAsync()}", $"journal {await db.Journal.CountAsync()}",
        $"audit {await db.AuditEntries.CountAsync()}", $"notifications {await db.Notifications.CountAsync()}"));
}
