using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class JoinTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task ForkJoin_WaitsForEveryBranchBeforeContinuing()
    {
        db.Register(new WorkflowBuilder("parallel", 1)
            .Add(new Fork("fork"), UserTask("a"), UserTask("b"), UserTask("c"), new Join("join"), Mark("after"))
            .Connect("fork", "a").Connect("fork", "b").Connect("fork", "c")
            .Connect("a", "join").Connect("b", "join").Connect("c", "join").Connect("join", "after"));
        var instance = await db.StartAsync("parallel");
        Assert.Equal(["a", "b", "c"], await db.OpenTaskActivitiesAsync(instance.Id));

        await db.CompleteTaskAsync(instance.Id, "b");
        await db.CompleteTaskAsync(instance.Id, "a");
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "after"));
        Assert.Equal(WorkflowStatus.Waiting, (await db.InstanceAsync(instance.Id)).Status);

        await db.CompleteTaskAsync(instance.Id, "c");
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "join"));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "after"));
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Join_OnPartialRerun_WaitsOnlyForTheReopenedBranches()
    {
        // plan opens every branch the first time; a review can send some of them back.
        db.Register(new WorkflowBuilder("rework", 1)
            .Add(
                new Code("plan", ctx => ctx.Get<Review>("review")?.Reopen ?? ["A", "B", "C"]),
                UserTask("a"), UserTask("b"), UserTask("c"), new Join("join"), UserTask("review"), Mark("accepted"))
            .Connect("plan", "A", "a").Connect("plan", "B", "b").Connect("plan", "C", "c")
            .Connect("a", "join").Connect("b", "join").Connect("c", "join")
            .Connect("join", "review").Connect("review", "Rework", "plan").Connect("review", "Accept", "accepted"));
        var instance = await db.StartAsync("rework");
        foreach (var branch in new[] { "a", "b", "c" }) await db.CompleteTaskAsync(instance.Id, branch);

        await db.CompleteTaskAsync(instance.Id, "review", "Rework", new Review(["A", "C"]));
        Assert.Equal(["a", "c"], await db.OpenTaskActivitiesAsync(instance.Id));

        await db.CompleteTaskAsync(instance.Id, "c");
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "join"));
        Assert.Equal(["a"], await db.OpenTaskActivitiesAsync(instance.Id));

        await db.CompleteTaskAsync(instance.Id, "a");
        Assert.Equal(2, await db.CompletionsAsync(instance.Id, "join"));
        Assert.Equal(["review"], await db.OpenTaskActivitiesAsync(instance.Id));

        await db.CompleteTaskAsync(instance.Id, "review", "Accept");
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "b"));
    }

    private sealed record Review(string[] Reopen);

    [Fact]
    public async Task Join_WhenTheLastLiveBranchEndsElsewhere_FiresWithoutIt()
    {
        db.Register(new WorkflowBuilder("escape", 1)
            .Add(new Fork("fork"), UserTask("a"), UserTask("b"), new Join("join"), Mark("after"))
            .Connect("fork", "a").Connect("fork", "b")
            .Connect("a", "join").Connect("b", "join").Connect("join", "after")); // b's "Escalate" leads nowhere
        var instance = await db.StartAsync("escape");

        await db.CompleteTaskAsync(instance.Id, "a");
        await db.CompleteTaskAsync(instance.Id, "b", "Escalate");

        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "join"));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "after"));
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }

    [Theory]
    [InlineData("x", "y", "b")]
    [InlineData("b", "x", "y")]
    [InlineData("x", "b", "y")]
    public async Task Join_Nested_InnerJoinIgnoresOuterBranchAndOuterJoinFiresOnce(string first, string second, string third)
    {
        // fork1 ─┬─ fork2 ─┬─ x ─┬─ join2 ── inner ─┬─ join1 ── end
        //        │         └─ y ─┘                  │
        //        └─ b ──────────────────────────────┘
        db.Register(new WorkflowBuilder("nested", 1)
            .Add(new Fork("fork1"), new Fork("fork2"), UserTask("x"), UserTask("y"), UserTask("b"),
                new Join("join2"), Mark("inner"), new Join("join1"), Mark("end"))
            .Connect("fork1", "fork2").Connect("fork1", "b").Connect("fork2", "x").Connect("fork2", "y")
            .Connect("x", "join2").Connect("y", "join2").Connect("join2", "inner").Connect("inner", "join1")
            .Connect("b", "join1").Connect("join1", "end"));
        var instance = await db.StartAsync("nested");

        await db.CompleteTaskAsync(instance.Id, first);
        await db.CompleteTaskAsync(instance.Id, second);
        var innerDone = await db.CompletionsAsync(instance.Id, "inner");
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "end"));
        await db.CompleteTaskAsync(instance.Id, third);

        Assert.Equal(third == "b" ? 1 : 0, innerDone); // x and y both done: the inner join did not wait for b
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "inner"));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "join1"));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "end"));
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Join_IgnoresSideBookmarks_WhichStillResumeTheirActivityLater()
    {
        db.Register(new WorkflowBuilder("watched", 1)
            .Add(new Fork("fork"), new Code("watch", ctx => { ctx.CreateBookmark("Watch", ctx.InstanceId.ToString(), blocking: false); }),
                UserTask("work"), new Join("join"), UserTask("next"), Mark("pinged"))
            .Connect("fork", "watch").Connect("fork", "work")
            .Connect("watch", "join").Connect("work", "join").Connect("join", "next")
            .Connect("watch", "Ping", "pinged"));
        var instance = await db.StartAsync("watched");

        await db.CompleteTaskAsync(instance.Id, "work");
        Assert.Equal(["next"], await db.OpenTaskActivitiesAsync(instance.Id));

        await db.ResumeAsync(new Stimulus("Watch", instance.Id.ToString(), "Ping"));
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "pinged"));
        Assert.Equal(WorkflowStatus.Waiting, (await db.InstanceAsync(instance.Id)).Status);

        await db.CompleteTaskAsync(instance.Id, "next");
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Instance_WhenLastPathEnds_CompletesAndDropsItsSideBookmarks()
    {
        db.Register(new WorkflowBuilder("watched", 1)
            .Add(new Code("watch", ctx => { ctx.CreateBookmark("Watch", ctx.InstanceId.ToString(), blocking: false); }), UserTask("work"))
            .Connect("watch", "work"));
        var instance = await db.StartAsync("watched");
        Assert.Equal(2, (await db.RowsAsync<Bookmark>(instance.Id)).Count);

        await db.CompleteTaskAsync(instance.Id, "work");

        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
    }
}
