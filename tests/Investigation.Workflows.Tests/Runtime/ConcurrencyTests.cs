using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public ConcurrencyTests() => db.Register(new WorkflowBuilder("approval", 1)
        .Add(UserTask("approve"), UserTask("approved"), UserTask("rejected"))
        .Connect("approve", "Approve", "approved").Connect("approve", "Reject", "rejected"));

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Complete_FromTwoDbContextsAtOnce_OneCommitsAndTheOtherGetsConcurrencyException()
    {
        var instance = await db.StartAsync("approval");
        var task = await db.OpenTaskAsync(instance.Id, "approve");
        await using var alice = db.NewContext();
        await using var bob = db.NewContext();

        // Both load the same waiting instance and decide before either commits.
        await db.Runtime.ResumeAsync(alice, Stimulus.ForTask(task.Id, "Approve", actor: "alice"));
        await db.Runtime.ResumeAsync(bob, Stimulus.ForTask(task.Id, "Reject", actor: "bob"));
        await alice.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());

        var completed = (await db.RowsAsync<HumanTask>(instance.Id)).Single(t => t.Id == task.Id);
        Assert.Equal(("alice", "Approve", 2), (completed.CompletedBy, completed.Outcome, completed.Version));
        Assert.Equal(["approved"], await db.OpenTaskActivitiesAsync(instance.Id));
        Assert.Equal(2, (await db.InstanceAsync(instance.Id)).Version);
        Assert.Single(await db.RowsAsync<JournalEntry>(instance.Id), j => j.Event == JournalEvent.Resumed);
    }

    [Fact]
    public async Task Complete_RacingOnSeparateThreads_TakesEffectExactlyOnce()
    {
        var instance = await db.StartAsync("approval");
        var task = await db.OpenTaskAsync(instance.Id, "approve");

        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            await using var context = db.NewContext();
            await db.Runtime.ResumeAsync(context, Stimulus.ForTask(task.Id, i % 2 == 0 ? "Approve" : "Reject", actor: $"user{i}"));
            await context.SaveChangesAsync();
        })).ToArray();
        try { await Task.WhenAll(attempts); } catch { /* inspected below */ }

        Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
        Assert.All(attempts.Where(a => a.IsFaulted), a => Assert.True(
            a.Exception!.InnerException is DbUpdateConcurrencyException or WorkflowStimulusException,
            a.Exception.InnerException!.ToString()));
        Assert.Single(await db.RowsAsync<JournalEntry>(instance.Id), j => j.Event == JournalEvent.Resumed);
        Assert.Single(await db.OpenTaskActivitiesAsync(instance.Id));
        Assert.Equal(2, (await db.InstanceAsync(instance.Id)).Version);
    }

    [Fact]
    public async Task Step_OnInstanceChangedSinceItWasLoaded_IsRejectedAtCommit()
    {
        db.Register(new WorkflowBuilder("pair", 1)
            .Add(new Fork("fork"), UserTask("a"), UserTask("b")).Connect("fork", "a").Connect("fork", "b"));
        var instance = await db.StartAsync("pair");
        var a = await db.OpenTaskAsync(instance.Id, "a");
        var b = await db.OpenTaskAsync(instance.Id, "b");
        await using var first = db.NewContext();
        await using var second = db.NewContext();

        // Different bookmarks of one instance: the version token still serializes the steps.
        await db.Runtime.ResumeAsync(first, Stimulus.ForTask(a.Id));
        await db.Runtime.ResumeAsync(second, Stimulus.ForTask(b.Id));
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(["b"], await db.OpenTaskActivitiesAsync(instance.Id));
    }
}
