using System.Text.Json;
using System.Text.Json.Nodes;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class HumanTaskTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public HumanTaskTests() => db.Register(new WorkflowBuilder("approval", 1)
        .Add(
            new HumanTaskActivity("approve", ctx => new HumanTaskSpec("approval", "Approve the case", "chief", "unit-7")
            {
                AssigneeId = "bob",
                Priority = 2,
                DueAt = ctx.Now.AddDays(3),
            }),
            Mark("approved"), Mark("rejected"))
        .Connect("approve", "Approve", "approved")
        .Connect("approve", "Reject", "rejected"));

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task HumanTask_OnStart_CreatesOpenTaskAndItsBlockingBookmarkTogether()
    {
        var instance = await db.StartAsync("approval", correlationId: "case-9");

        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        var task = Assert.Single(await db.RowsAsync<HumanTask>(instance.Id));
        Assert.Equal(
            ("approve", "approval", "Approve the case", "chief", "unit-7", "bob", 2, "case-9", HumanTaskStatus.Open),
            (task.ActivityId, task.Kind, task.Title, task.CandidateRole, task.UnitId, task.AssigneeId, task.Priority, task.CorrelationId, task.Status));
        Assert.Equal(db.Clock.GetUtcNow(), task.CreatedAt);
        Assert.Equal(db.Clock.GetUtcNow().AddDays(3), task.DueAt);
        var bookmark = Assert.Single(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.Equal((BookmarkNames.HumanTask, task.Id.ToString(), "approve", true), (bookmark.Name, bookmark.Key, bookmark.ActivityId, bookmark.Blocking));
        Assert.Contains(await db.RowsAsync<JournalEntry>(instance.Id), j => j.ActivityId == "approve" && j.Event == JournalEvent.Blocked);
    }

    [Fact]
    public async Task HumanTask_WhenCompleted_StoresPayloadClosesTaskAndFollowsItsOutcome()
    {
        var instance = await db.StartAsync("approval");
        db.Clock.Advance(TimeSpan.FromHours(5));

        var resumed = await db.CompleteTaskAsync(instance.Id, "approve", "Approve", new { comment = "同意", score = 4 }, actor: "bob");

        Assert.Equal(WorkflowStatus.Completed, resumed.Status);
        Assert.Equal(2, resumed.Version);
        var task = Assert.Single(await db.RowsAsync<HumanTask>(instance.Id));
        Assert.Equal((HumanTaskStatus.Completed, "bob", "Approve", 2), (task.Status, task.CompletedBy, task.Outcome, task.Version));
        Assert.Equal(db.Clock.GetUtcNow(), task.CompletedAt);
        Assert.Equal(4, JsonDocument.Parse(task.ResultJson!).RootElement.GetProperty("score").GetInt32());
        var variables = JsonNode.Parse((await db.InstanceAsync(instance.Id)).VariablesJson)!;
        Assert.Equal("同意", (string)variables["approve"]!["comment"]!);
        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "approved"));
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "rejected"));
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
        var resumedEntry = Assert.Single(await db.RowsAsync<JournalEntry>(instance.Id), j => j.Event == JournalEvent.Resumed);
        Assert.Equal(("approve", "bob"), (resumedEntry.ActivityId, resumedEntry.Actor));
    }

    [Fact]
    public async Task SideBookmark_WhenItFiresFirst_CompletesActivityAndCancelsItsTask()
    {
        db.Register(new WorkflowBuilder("deadline", 1)
            .Add(new TaskWithDeadline("work", TimeSpan.FromDays(2)), Mark("escalated"), Mark("done"))
            .Connect("work", "Expired", "escalated").Connect("work", "done"));
        var instance = await db.StartAsync("deadline");
        var bookmarks = await db.RowsAsync<Bookmark>(instance.Id);
        Assert.Equal([("Deadline", false), (BookmarkNames.HumanTask, true)], bookmarks.OrderBy(b => b.Name).Select(b => (b.Name, b.Blocking)));
        db.Clock.Advance(TimeSpan.FromDays(2));

        await using (var context = db.NewContext())
        {
            var due = Assert.Single(await db.Runtime.DueBookmarksAsync(context));
            await db.Runtime.ResumeAsync(context, due with { Outcome = "Expired" });
            await context.SaveChangesAsync();
        }

        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "escalated"));
        Assert.Equal(0, await db.CompletionsAsync(instance.Id, "done"));
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await db.RowsAsync<HumanTask>(instance.Id)).Status);
        Assert.Empty(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task SideBookmark_WhenTaskIsDoneFirst_IsRemovedWithIt()
    {
        db.Register(new WorkflowBuilder("deadline", 1)
            .Add(new TaskWithDeadline("work", TimeSpan.FromDays(2)), UserTask("next"))
            .Connect("work", "next"));
        var instance = await db.StartAsync("deadline");

        await db.CompleteTaskAsync(instance.Id, "work");

        var remaining = Assert.Single(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.Equal("next", remaining.ActivityId);
    }

    /// <summary>A task with a deadline timer beside it that does not hold the flow: whichever comes first wins.</summary>
    private sealed class TaskWithDeadline(string id, TimeSpan allowed) : Activity(id)
    {
        public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            context.CreateHumanTask(new HumanTaskSpec("work", "Work", "investigator", "unit-1") { DueAt = context.Now + allowed });
            context.CreateBookmark("Deadline", $"{context.InstanceId}:{Id}", context.Now + allowed, blocking: false);
            return ValueTask.FromResult(ActivityResult.Block);
        }

        public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
        {
            if (stimulus.BookmarkName != BookmarkNames.HumanTask) return await base.ResumeAsync(context, stimulus);
            var task = (await context.Db.Set<HumanTask>().FindAsync(Guid.Parse(stimulus.Key)))!;
            task.Status = HumanTaskStatus.Completed;
            task.Version++;
            return ActivityResult.Complete();
        }
    }
}
