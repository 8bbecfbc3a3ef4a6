using System.Text.Json;
using System.Text.Json.Nodes;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class FaultTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Activity_WhenItThrows_FaultsInstanceWithIncidentAndTheExceptionDoesNotEscape()
    {
        db.Register(new WorkflowBuilder("fragile", 1)
            .Add(Mark("before"), Fail("explode", "ledger unavailable"), Mark("after"))
            .Connect("before", "explode").Connect("explode", "after"));

        var instance = await db.StartAsync("fragile");

        var stored = await db.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Faulted, stored.Status);
        Assert.Contains("\"faultedActivityId\":\"explode\"", stored.StateJson);
        var incident = Assert.Single(await db.RowsAsync<Incident>(instance.Id));
        Assert.Equal(("explode", "ledger unavailable", null), (incident.ActivityId, incident.Message, incident.ResolvedAt));
        Assert.Contains(nameof(InvalidOperationException), incident.Detail);
        var faulted = Assert.Single(await db.RowsAsync<JournalEntry>(instance.Id), j => j.Event == JournalEvent.Faulted);
        Assert.Equal(("explode", "ledger unavailable"), (faulted.ActivityId, faulted.Detail));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "before"));
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "after"));
    }

    [Fact]
    public async Task Activity_WhenItThrows_OtherInstancesCarryOn()
    {
        db.Register(new WorkflowBuilder("fragile", 1)
            .Add(new Code("check", ctx => { if (ctx.Get<bool>("broken")) throw new InvalidOperationException("bad data"); }), UserTask("work"))
            .Connect("check", "work"));

        var broken = await db.StartAsync("fragile", new { broken = true });
        var healthy = await db.StartAsync("fragile", new { broken = false });
        await db.CompleteTaskAsync(healthy.Id, "work");

        Assert.Equal(WorkflowStatus.Faulted, (await db.InstanceAsync(broken.Id)).Status);
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(healthy.Id)).Status);
        Assert.Empty(await db.RowsAsync<Incident>(healthy.Id));
    }

    [Fact]
    public async Task Retry_AfterTheCauseIsFixed_ReRunsTheFaultedActivityAndContinues()
    {
        var attempts = 0;
        db.Register(new WorkflowBuilder("flaky", 1)
            .Add(new Fork("fork"), new Code("flaky", _ => { if (++attempts == 1) throw new TimeoutException("try later"); }),
                Mark("sibling"), Mark("after"), new Join("join"), UserTask("next"))
            .Connect("fork", "flaky").Connect("fork", "sibling")
            .Connect("flaky", "after").Connect("after", "join").Connect("sibling", "join").Connect("join", "next"));
        var instance = await db.StartAsync("flaky");
        db.Clock.Advance(TimeSpan.FromMinutes(10));

        var retried = await db.RetryAsync(instance.Id, actor: "admin");

        Assert.Equal(WorkflowStatus.Waiting, retried.Status);
        Assert.Equal(2, retried.Version);
        Assert.Equal("{}", retried.StateJson);
        Assert.Equal(2, attempts);
        Assert.Equal(["next"], await db.OpenTaskActivitiesAsync(instance.Id));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "sibling"));
        Assert.Equal(db.Clock.GetUtcNow(), Assert.Single(await db.RowsAsync<Incident>(instance.Id)).ResolvedAt);
        var retry = Assert.Single(await db.RowsAsync<JournalEntry>(instance.Id), j => j.Event == JournalEvent.Retried);
        Assert.Equal(("flaky", "admin"), (retry.ActivityId, retry.Actor));
    }

    [Fact]
    public async Task Retry_OfActivityThatThrewHalfway_DoesNotDuplicateWhatItHadDone()
    {
        var attempts = 0;
        db.Register(new WorkflowBuilder("half", 1).Add(new TaskThenThrow("work", () => ++attempts == 1)));
        var instance = await db.StartAsync("half");

        Assert.Empty(await db.RowsAsync<HumanTask>(instance.Id));
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.DoesNotContain("touched", (await db.InstanceAsync(instance.Id)).VariablesJson);

        await db.RetryAsync(instance.Id);

        Assert.Single(await db.RowsAsync<HumanTask>(instance.Id));
        Assert.Single(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.Contains("touched", (await db.InstanceAsync(instance.Id)).VariablesJson);
    }

    private sealed class TaskThenThrow(string id, Func<bool> fails) : Activity(id)
    {
        public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            context.CreateHumanTask(new HumanTaskSpec("work", "Work", "investigator", "unit-1"));
            context.Set("touched", true);
            if (fails()) throw new InvalidOperationException("failed after creating the task");
            return ValueTask.FromResult(ActivityResult.Block);
        }
    }

    [Fact]
    public async Task Retry_OfFaultedResume_ReplaysTheStoredStimulus()
    {
        var attempts = 0;
        db.Register(new WorkflowBuilder("signal", 1).Add(new FlakySignal("wait", () => ++attempts == 1)));
        var instance = await db.StartAsync("signal");

        await db.ResumeAsync(new Stimulus("Signal", "s-1", Payload: JsonSerializer.SerializeToElement(new { amount = 7 }), Actor: "clerk"));
        Assert.Equal(WorkflowStatus.Faulted, (await db.InstanceAsync(instance.Id)).Status);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id)); // consumed: the stimulus now lives in the instance state

        var retried = await db.RetryAsync(instance.Id);

        Assert.Equal(WorkflowStatus.Completed, retried.Status);
        Assert.Equal(7, JsonNode.Parse(retried.VariablesJson)!["wait"]!["amount"]!.GetValue<int>());
        Assert.Equal("clerk", JsonNode.Parse(retried.VariablesJson)!["by"]!.GetValue<string>());
        // The journal credits the replayed step to whoever retried it.
        Assert.Equal("admin", (await db.RowsAsync<JournalEntry>(instance.Id)).Single(j => j.ActivityId == "wait" && j.Event == JournalEvent.Completed).Actor);
    }

    private sealed class FlakySignal(string id, Func<bool> fails) : Activity(id)
    {
        public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            context.CreateBookmark("Signal", "s-1");
            return ValueTask.FromResult(ActivityResult.Block);
        }

        public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
        {
            if (fails()) throw new InvalidOperationException("not yet");
            context.Set(Id, stimulus.Payload);
            context.Set("by", stimulus.Actor);
            return ValueTask.FromResult(ActivityResult.Complete());
        }
    }

    [Fact]
    public async Task Retry_OfInstanceThatIsNotFaulted_IsRejected()
    {
        db.Register(new WorkflowBuilder("fine", 1).Add(UserTask("work")));
        var instance = await db.StartAsync("fine");
        await using var context = db.NewContext();

        var error = await Assert.ThrowsAsync<WorkflowException>(() => db.Runtime.RetryAsync(context, instance.Id, "admin"));

        Assert.Contains("is Waiting", error.Message);
    }

    [Fact]
    public async Task Activity_ThatBlocksWithoutABookmark_FaultsWithClearMessage()
    {
        db.Register(new WorkflowBuilder("lost", 1).Add(new BlockForever("stuck")));

        var instance = await db.StartAsync("lost");

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("blocked without a blocking bookmark", Assert.Single(await db.RowsAsync<Incident>(instance.Id)).Message);
    }

    [Fact]
    public async Task Activity_ThatCompletesLeavingABlockingBookmark_FaultsAndLeavesNoBookmark()
    {
        db.Register(new WorkflowBuilder("leaky", 1).Add(new Code("leak", ctx => { ctx.CreateBookmark("Signal", "k"); })));

        var instance = await db.StartAsync("leaky");

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("completed but created a blocking bookmark", Assert.Single(await db.RowsAsync<Incident>(instance.Id)).Message);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
    }

    private sealed class BlockForever(string id) : Activity(id)
    {
        public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Block);
    }
}
