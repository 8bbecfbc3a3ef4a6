using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Outages;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// The Hangfire job itself, run by the test on the controllable clock, with the job client replaced by one
/// that notes what is planned and whether the run lock was still held at that moment.
/// </summary>
public sealed class DueTimersJobTests
{
    [Fact]
    public async Task DueTimersJob_ARunThatFails_PlansItsRetryOnlyAfterLettingGoOfTheRunLock_AndTheRetryFires()
    {
        await using var app = await DeadlineApp.StartAsync();
        var failing = new FailingFirings();
        var plans = new PlansNoted();
        await using var node = app.NewNode(s =>
        {
            s.AddSingleton<IPipelineBehavior<FireDueTimer.Command, FireDueTimer.Result>>(failing);
            s.AddSingleton<IBackgroundJobClient>(plans);
            // Shorter than the lead, so that the retry's run is due at once, as in the scheduler test that found this.
            s.Configure<DueTimerOptions>(o => o.RetryAfter = TimeSpan.FromSeconds(10));
        });
        plans.RunLock = node.GetRequiredService<IDueTimerRunLock>();
        var registered = await app.SendAs("caseofficer", new RegisterOutage.Command(
            DemoOrganisation.ProvincialGovernmentOffice.Value, "www.example.gov.cn", app.Clock.GetUtcNow().AddHours(-6), true));
        var job = node.GetRequiredService<DueTimersJob>();

        var failed = await Assert.ThrowsAsync<DueTimerFiringException>(() => job.FireDueAsync(null, CancellationToken.None));
        Assert.Contains(failed.Failures, f => f.Key.EndsWith(":watch"));
        // The retry is planned RetryAfter on, its run due at once (within the lead): a run started by it while this one held
        // the lock would have found it taken and left, taking the plan with it.
        var retry = Assert.Single(plans.Noted);
        Assert.False(retry.LockHeld);
        Assert.IsType<EnqueuedState>(retry.State);
        var retryAfter = node.GetRequiredService<IOptions<DueTimerOptions>>().Value.RetryAfter;
        Assert.Equal(app.Clock.GetUtcNow() + retryAfter, (DateTimeOffset)retry.Job.Args[0]!);

        failing.Failing = false;
        app.Clock.Advance(retryAfter);
        await job.FireDueAsync((DateTimeOffset)retry.Job.Args[0]!, CancellationToken.None);
        Assert.NotNull((await app.Read(db => db.Outages.AsNoTracking().SingleAsync(o => o.Id == registered.OutageId))).ThresholdReachedAt);
    }

    /// <summary>A job client that plans nothing and notes each plan, with whether a run held the lock then.</summary>
    private sealed class PlansNoted : IBackgroundJobClient
    {
        public IDueTimerRunLock RunLock { get; set; } = null!;
        public List<(Job Job, IState State, bool LockHeld)> Noted { get; } = [];

        public string Create(Job job, IState state)
        {
            lock (Noted) Noted.Add((job, state, RunLock.HeldHere));
            return Noted.Count.ToString();
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
