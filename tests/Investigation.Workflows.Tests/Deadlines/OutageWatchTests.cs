using FluentValidation;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Outages;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>The outage watch of Article 8 (2): flagged at 6 hours (以上 includes 6), stopped by a restoration recorded before.</summary>
public sealed class OutageWatchTests : IAsyncLifetime
{
    private DeadlineApp app = null!;

    public async Task InitializeAsync() => app = await DeadlineApp.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<RegisterOutage.Result> RegisterAsync(DateTimeOffset downAt) => app.SendAs("caseofficer",
        new RegisterOutage.Command(DemoOrganisation.ProvincialGovernmentOffice.Value, "www.jiangbei.gov.cn", downAt, Attacked: true, "首页无法访问，疑遭DDoS攻击。"));

    private Task<Outage> OutageAsync(Guid id) => app.Read(db => db.Outages.AsNoTracking().SingleAsync(o => o.Id == id));

    private Task<WorkflowStatus> WatchAsync(Outage outage) =>
        app.Read(db => db.WorkflowInstances.Where(i => i.Id == outage.WorkflowInstanceId).Select(i => i.Status).SingleAsync());

    [Fact]
    public async Task Outage_NotRestoredAtExactlySixHours_FlagsCircumstanceTwo_AndProposesACaseWithTheFacts()
    {
        var down = app.Clock.GetUtcNow().AddMinutes(-10);
        var registered = await RegisterAsync(down);
        Assert.Equal(down.AddHours(6), registered.ThresholdAt);

        app.Clock.SetUtcNow(down.AddHours(6).AddSeconds(-1));
        await app.ProcessDueAsync();
        Assert.Null((await OutageAsync(registered.OutageId)).ThresholdReachedAt);
        Assert.Empty(await app.NotificationsAsync(kind: NotificationKind.OutageThresholdReached));

        app.Clock.SetUtcNow(down.AddHours(6));
        await app.ProcessDueAsync();

        var outage = await OutageAsync(registered.OutageId);
        Assert.Equal(down.AddHours(6), outage.ThresholdReachedAt);
        Assert.Equal(WorkflowStatus.Completed, await WatchAsync(outage));
        var proposal = Assert.Single(await app.NotificationsAsync(kind: NotificationKind.OutageThresholdReached));
        Assert.Equal(("caseofficer", $"/Cases/Register?outage={outage.Id}"), (proposal.Recipient, proposal.Link));
        Assert.Contains("6小时", proposal.TitleZh);

        var facts = (await app.SendAs("caseofficer", new GetOutage.Query(outage.Id))).Proposal;
        Assert.Equal((DemoOrganisation.ProvincialGovernmentOffice.Value, down), (facts.UnitId, facts.OccurredAt));
        var paralysis = facts.Facts.PortalParalysis!;
        Assert.Equal((SiteKind.PartyOrGovernmentPortal, Domain.Organisation.AdministrativeLevel.Provincial, true, down, (DateTimeOffset?)null),
            (paralysis.Site, paralysis.SiteLevel, paralysis.Attacked, paralysis.DownAt, paralysis.RestoredAt));
        // With those facts, the domain finds the six hours met as of now.
        var evaluation = facts.Facts.ToFacts(app.Clock.GetUtcNow()).Single().Evaluate();
        Assert.True(evaluation.Met);

        // Processing again proposes nothing more.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.ProcessDueAsync();
        Assert.Single(await app.NotificationsAsync(kind: NotificationKind.OutageThresholdReached));
    }

    [Fact]
    public async Task Restoration_RecordedAtFiveHoursFiftyNine_StopsTheWatch_NothingIsFlagged()
    {
        var down = app.Clock.GetUtcNow();
        var registered = await RegisterAsync(down);
        app.Clock.SetUtcNow(down.AddHours(5).AddMinutes(59));

        await app.SendAs("caseofficer", new RecordRestoration.Command(registered.OutageId, app.Clock.GetUtcNow()));

        var outage = await OutageAsync(registered.OutageId);
        Assert.Equal((down.AddHours(5).AddMinutes(59), "caseofficer"), (outage.RestoredAt, outage.RestorationRecordedBy));
        Assert.Equal(WorkflowStatus.Completed, await WatchAsync(outage));
        Assert.Empty(await app.Read(db => db.Bookmarks.Where(b => b.InstanceId == outage.WorkflowInstanceId).ToListAsync()));

        app.Clock.SetUtcNow(down.AddHours(7));
        await app.ProcessDueAsync();
        Assert.Null((await OutageAsync(registered.OutageId)).ThresholdReachedAt);
        Assert.Empty(await app.NotificationsAsync(kind: NotificationKind.OutageThresholdReached));
    }

    [Fact]
    public async Task Restoration_RecordedLateButAfterSixHours_StillFlags()
    {
        var down = app.Clock.GetUtcNow();
        var registered = await RegisterAsync(down);
        app.Clock.SetUtcNow(down.AddHours(7)); // the timer has not been processed yet

        await app.SendAs("caseofficer", new RecordRestoration.Command(registered.OutageId, down.AddHours(6).AddMinutes(30)));

        Assert.NotNull((await OutageAsync(registered.OutageId)).ThresholdReachedAt);
        Assert.Single(await app.NotificationsAsync(kind: NotificationKind.OutageThresholdReached));
    }

    [Fact]
    public async Task RegisterOutage_OfASiteArticleEightTwoDoesNotCover_IsRefused_AndOneSiteIsWatchedOnce()
    {
        var now = app.Clock.GetUtcNow();
        // A county's organ (below the prefecture level), and a critical infrastructure operator.
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("caseofficer",
            new RegisterOutage.Command(DemoOrganisation.QingshiGovernment.Value, "www.qingshi.gov.cn", now, true)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("caseofficer",
            new RegisterOutage.Command(DemoOrganisation.LinchuanPowerGrid.Value, "scada", now, true)));
        // A key news website counts at any level.
        await app.SendAs("caseofficer-anping", new RegisterOutage.Command(DemoOrganisation.AnpingNews.Value, "www.anpingnews.cn", now, false));

        await Assert.ThrowsAsync<ConflictException>(() => app.SendAs("caseofficer-anping",
            new RegisterOutage.Command(DemoOrganisation.AnpingNews.Value, "www.anpingnews.cn", now, false)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("investigator",
            new RegisterOutage.Command(DemoOrganisation.ProvincialDaily.Value, "www.jbdaily.cn", now, false)));
    }
}
