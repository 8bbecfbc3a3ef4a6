using System.Text.Json.Nodes;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class ExecutionTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Start_WithSequenceOfCodeActivities_RunsEachOnceInOrderAndCompletes()
    {
        var order = new List<string>();
        db.Register(new WorkflowBuilder("sequence", 1)
            .Add(new Code("a", _ => order.Add("a")), new Code("b", _ => order.Add("b")), new Code("c", _ => order.Add("c")))
            .Connect("a", "b").Connect("b", "c"));

        var instance = await db.StartAsync("sequence");

        Assert.Equal(["a", "b", "c"], order);
        var stored = await db.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Completed, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal("{}", stored.StateJson);
    }

    [Fact]
    public async Task Start_JournalsEveryActivityStartedAndCompletedWithActorAndTime()
    {
        db.Register(new WorkflowBuilder("sequence", 1).Add(Mark("a"), Mark("b")).Connect("a", "b"));

        var instance = await db.StartAsync("sequence", actor: "carol");

        var journal = (await db.RowsAsync<JournalEntry>(instance.Id)).OrderBy(j => j.Id).ToList();
        Assert.Equal(
            [("a", JournalEvent.Started), ("a", JournalEvent.Completed), ("b", JournalEvent.Started), ("b", JournalEvent.Completed)],
            journal.Select(j => (j.ActivityId, j.Event)));
        Assert.All(journal, j => Assert.Equal("carol", j.Actor));
        Assert.All(journal, j => Assert.Equal(db.Clock.GetUtcNow(), j.At));
        Assert.All(journal, j => Assert.Equal(nameof(Code), j.ActivityType));
        Assert.Equal("Done", journal[1].Outcome);
    }

    [Fact]
    public async Task Start_WithInput_KeepsVariablesAsJsonObjectThatActivitiesReadAndWrite()
    {
        db.Register(new WorkflowBuilder("vars", 1)
            .Add(new Code("double", ctx => ctx.Set("total", ctx.Get<int>("amount") * 2))));

        var instance = await db.StartAsync("vars", new { amount = 21, caseId = "C-1" }, correlationId: "C-1");

        var stored = await db.InstanceAsync(instance.Id);
        var variables = JsonNode.Parse(stored.VariablesJson)!.AsObject();
        Assert.Equal(42, (int)variables["total"]!);
        Assert.Equal("C-1", (string)variables["caseId"]!);
        Assert.Equal("C-1", stored.CorrelationId);
    }

    [Fact]
    public async Task Code_WithAsyncDelegate_IsAwaitedBeforeTheFlowMovesOn()
    {
        db.Register(new WorkflowBuilder("async", 1)
            .Add(
                new Code("slow", async ctx => { await Task.Yield(); ctx.Set("slow", "done"); }),
                new Code("route", async ctx => { await Task.Yield(); return [ctx.Get<string>("slow") == "done" ? "ok" : "early"]; }),
                Mark("ok"), Mark("early"))
            .Connect("slow", "route").Connect("route", "ok", "ok").Connect("route", "early", "early"));

        var instance = await db.StartAsync("async");

        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "ok"));
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "early"));
    }

    [Fact]
    public async Task Start_WithInputThatIsNotAnObject_IsRejected()
    {
        db.Register(new WorkflowBuilder("vars", 1).Add(Mark("a")));
        await using var context = db.NewContext();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => db.Runtime.StartAsync(context, "vars", input: 42));

        Assert.Contains("JSON object", error.Message);
    }

    [Fact]
    public async Task Start_OfUnregisteredDefinition_IsRejectedWithClearMessage()
    {
        await using var context = db.NewContext();

        var error = await Assert.ThrowsAsync<WorkflowException>(() => db.Runtime.StartAsync(context, "nowhere"));

        Assert.Contains("'nowhere'", error.Message);
    }

    [Fact]
    public async Task Code_WithSeveralOutcomes_FiresTheConnectionsOfEachAndNoOthers()
    {
        db.Register(new WorkflowBuilder("choice", 1)
            .Add(new Code("choose", _ => ["x", "z"]), Mark("x"), Mark("y"), Mark("z"))
            .Connect("choose", "x", "x").Connect("choose", "y", "y").Connect("choose", "z", "z"));

        var instance = await db.StartAsync("choice");

        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "x"));
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "y"));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "z"));
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Outcome_WithoutConnection_EndsOnlyThatPath()
    {
        db.Register(new WorkflowBuilder("dead-end", 1)
            .Add(new Fork("fork"), new Code("stop", _ => ["Nowhere"]), UserTask("work"))
            .Connect("fork", "stop").Connect("fork", "work"));

        var instance = await db.StartAsync("dead-end");

        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        Assert.Equal(["work"], await db.OpenTaskActivitiesAsync(instance.Id));
        Assert.Equal(WorkflowStatus.Completed, (await db.CompleteTaskAsync(instance.Id, "work")).Status);
    }

    [Fact]
    public async Task Finish_EndsWholeInstanceCancellingOpenTasksAndRemovingBookmarks()
    {
        db.Register(new WorkflowBuilder("terminate", 1)
            .Add(new Fork("fork"), UserTask("slow"), UserTask("fast"), new Finish("end"), Mark("never"))
            .Connect("fork", "slow").Connect("fork", "fast").Connect("fast", "end").Connect("slow", "never"));
        var instance = await db.StartAsync("terminate");

        await db.CompleteTaskAsync(instance.Id, "fast");

        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
        var slow = Assert.Single(await db.RowsAsync<HumanTask>(instance.Id), t => t.ActivityId == "slow");
        Assert.Equal(HumanTaskStatus.Cancelled, slow.Status);
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "never"));
    }

    [Fact]
    public async Task Finish_InTheSameStepAsANewTask_CancelsThatTaskToo()
    {
        db.Register(new WorkflowBuilder("terminate", 1)
            .Add(new Fork("fork"), UserTask("work"), new Finish("end"))
            .Connect("fork", "work").Connect("fork", "end"));

        var instance = await db.StartAsync("terminate");

        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await db.RowsAsync<HumanTask>(instance.Id)).Status);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
    }

    [Fact]
    public async Task Cancel_RemovesBookmarksCancelsOpenTasksAndRejectsLaterStimuli()
    {
        db.Register(new WorkflowBuilder("cancel", 1).Add(UserTask("work")));
        var instance = await db.StartAsync("cancel");
        var task = await db.OpenTaskAsync(instance.Id, "work");

        await using (var context = db.NewContext())
        {
            await db.Runtime.CancelAsync(context, instance.Id, "admin", "duplicate case");
            await context.SaveChangesAsync();
        }

        var stored = await db.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Cancelled, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await db.RowsAsync<HumanTask>(instance.Id)).Status);
        var cancelled = Assert.Single(await db.RowsAsync<JournalEntry>(instance.Id), j => j.Event == JournalEvent.Cancelled);
        Assert.Equal(("admin", "duplicate case"), (cancelled.Actor, cancelled.Detail));
        await Assert.ThrowsAsync<WorkflowStimulusException>(() => db.ResumeAsync(Stimulus.ForTask(task.Id)));
        await using var again = db.NewContext();
        await Assert.ThrowsAsync<WorkflowException>(() => db.Runtime.CancelAsync(again, instance.Id, "admin", null));
    }
}
