using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class ResumeTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public ResumeTests() => db.Register(Approval());

    public void Dispose() => db.Dispose();

    private static WorkflowBuilder Approval() => new WorkflowBuilder("approval", 1)
        .Add(UserTask("approve"), UserTask("archive"))
        .Connect("approve", "archive");

    [Fact]
    public async Task Resume_WhenBookmarkAlreadyConsumed_IsRejectedWithClearMessageAndChangesNothing()
    {
        var instance = await db.StartAsync("approval");
        var task = await db.OpenTaskAsync(instance.Id, "approve");
        await db.ResumeAsync(Stimulus.ForTask(task.Id, actor: "alice"));
        var journalBefore = (await db.RowsAsync<JournalEntry>(instance.Id)).Count;

        await using var context = db.NewContext();
        var error = await Assert.ThrowsAsync<WorkflowStimulusException>(() => db.Runtime.ResumeAsync(context, Stimulus.ForTask(task.Id, actor: "bob")));

        Assert.Contains("'HumanTask'", error.Message);
        Assert.Contains(task.Id.ToString(), error.Message);
        Assert.Contains("already delivered", error.Message);
        Assert.Equal((BookmarkNames.HumanTask, task.Id.ToString()), (error.BookmarkName, error.Key));
        Assert.False(context.ChangeTracker.HasChanges());
        Assert.Equal(2, (await db.InstanceAsync(instance.Id)).Version);
        Assert.Equal(journalBefore, (await db.RowsAsync<JournalEntry>(instance.Id)).Count);
        Assert.Equal("alice", (await db.RowsAsync<HumanTask>(instance.Id)).Single(t => t.Id == task.Id).CompletedBy);
    }

    [Fact]
    public async Task Resume_TwiceInOneUnitOfWork_SecondIsRejected()
    {
        var instance = await db.StartAsync("approval");
        var task = await db.OpenTaskAsync(instance.Id, "approve");
        await using var context = db.NewContext();

        await db.Runtime.ResumeAsync(context, Stimulus.ForTask(task.Id));

        await Assert.ThrowsAsync<WorkflowStimulusException>(() => db.Runtime.ResumeAsync(context, Stimulus.ForTask(task.Id)));
    }

    [Fact]
    public async Task Resume_WithUnknownStimulus_IsRejectedWithClearMessage()
    {
        await db.StartAsync("approval");
        await using var context = db.NewContext();

        var error = await Assert.ThrowsAsync<WorkflowStimulusException>(() => db.Runtime.ResumeAsync(context, new Stimulus("Payment", "order-17")));

        Assert.Equal("No workflow is waiting for 'Payment' with key 'order-17': the key is unknown, or the stimulus was already delivered.", error.Message);
    }

    [Fact]
    public async Task Resume_OfFaultedInstance_IsRejectedUntilRetried()
    {
        db.Register(new WorkflowBuilder("half-broken", 1)
            .Add(new Fork("fork"), UserTask("work"), Fail("broken", "no"))
            .Connect("fork", "work").Connect("fork", "broken"));
        var instance = await db.StartAsync("half-broken");
        var task = await db.OpenTaskAsync(instance.Id, "work");

        var error = await Assert.ThrowsAsync<WorkflowStimulusException>(() => db.ResumeAsync(Stimulus.ForTask(task.Id)));

        Assert.Contains("is Faulted", error.Message);
        Assert.Contains("retry it first", error.Message);
    }

    [Fact]
    public async Task Resume_AfterRestart_ContinuesFromTheRowsAlone()
    {
        Guid instanceId;
        await using (var first = Boot())
        await using (var scope = first.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            instanceId = (await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(context, "approval", new { caseId = "C-3" })).Id;
            await context.SaveChangesAsync();
        }

        await using var second = Boot();
        await using (var scope = second.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            var task = await context.Set<HumanTask>().SingleAsync(t => t.InstanceId == instanceId);
            await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().ResumeAsync(context, Stimulus.ForTask(task.Id, actor: "alice"));
            await context.SaveChangesAsync();
        }

        Assert.Equal(["archive"], await db.OpenTaskActivitiesAsync(instanceId));
        Assert.Contains("C-3", (await db.InstanceAsync(instanceId)).VariablesJson);
    }

    // A process of its own: its own registry, runtime and DbContext over the same file.
    private ServiceProvider Boot() => new ServiceCollection()
        .AddDbContext<TestDbContext>(o => o.UseSqlite(db.ConnectionString))
        .AddSingleton(new WorkflowDefinitionRegistry().Register(Approval().Build()))
        .AddSingleton<TimeProvider>(db.Clock)
        .AddScoped<WorkflowRuntime>()
        .BuildServiceProvider();

    [Fact]
    public async Task Instance_AfterNewerVersionIsRegistered_StaysOnTheVersionItStartedWith()
    {
        var old = await db.StartAsync("approval");
        db.Register(new WorkflowBuilder("approval", 2)
            .Add(UserTask("approve"), Mark("v2-only"), UserTask("archive"))
            .Connect("approve", "v2-only").Connect("v2-only", "archive"));

        await db.CompleteTaskAsync(old.Id, "approve");
        var fresh = await db.StartAsync("approval");
        await db.CompleteTaskAsync(fresh.Id, "approve");

        Assert.Equal(1, (await db.InstanceAsync(old.Id)).DefinitionVersion);
        Assert.Equal(0, await db.CompletionsAsync(old.Id, "v2-only"));
        Assert.Equal(2, (await db.InstanceAsync(fresh.Id)).DefinitionVersion);
        Assert.Equal(1, await db.CompletionsAsync(fresh.Id, "v2-only"));
    }

    [Fact]
    public async Task Timer_OnStart_RecordsResumeAtAndIsDueOnlyOnceItsTimeHasCome()
    {
        db.Register(new WorkflowBuilder("cooling-off", 1)
            .Add(new TimerActivity("wait", TimeSpan.FromDays(3)), Mark("after"))
            .Connect("wait", "after"));
        var started = db.Clock.GetUtcNow();
        var instance = await db.StartAsync("cooling-off");

        var bookmark = Assert.Single(await db.RowsAsync<Bookmark>(instance.Id));
        Assert.Equal((BookmarkNames.Timer, $"{instance.Id}:wait", started.AddDays(3)), (bookmark.Name, bookmark.Key, bookmark.ResumeAt));
        await using (var context = db.NewContext())
        {
            db.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
            Assert.Empty(await db.Runtime.DueBookmarksAsync(context));
            db.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([Stimulus.ForTimer(instance.Id, "wait")], await db.Runtime.DueBookmarksAsync(context));
        }

        await db.ResumeAsync(Stimulus.ForTimer(instance.Id, "wait"));

        Assert.Equal(1, await db.CompletionsAsync(instance.Id, "after"));
        Assert.Equal(WorkflowStatus.Completed, (await db.InstanceAsync(instance.Id)).Status);
    }
}
