using System.Text.Json;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Workflows.Tests.Runtime;

/// <summary>
/// A runtime over a real SQLite file in the temp folder, deleted on dispose. Each helper uses a
/// fresh DbContext and commits, the way the application runs one step per unit of work.
/// </summary>
public sealed class WorkflowDatabase : IDisposable
{
    public WorkflowDatabase()
    {
        Runtime = new WorkflowRuntime(Registry, Clock);
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wf-tests-{Guid.NewGuid():N}.db");

    // No pooling, so no connection keeps the file open once a test is done with it.
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    public WorkflowDefinitionRegistry Registry { get; } = new();
    public WorkflowRuntime Runtime { get; }

    public TestDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseSqlite(ConnectionString).Options);

    public WorkflowDatabase Register(WorkflowBuilder builder)
    {
        Registry.Register(builder.Build());
        return this;
    }

    public async Task<WorkflowInstance> StartAsync(string definition, object? input = null, string? correlationId = null, string? actor = "starter")
    {
        await using var db = NewContext();
        var instance = await Runtime.StartAsync(db, definition, input, correlationId, actor);
        await db.SaveChangesAsync();
        return instance;
    }

    public async Task<WorkflowInstance> ResumeAsync(Stimulus stimulus)
    {
        await using var db = NewContext();
        var instance = await Runtime.ResumeAsync(db, stimulus);
        await db.SaveChangesAsync();
        return instance;
    }

    public async Task<WorkflowInstance> RetryAsync(Guid instanceId, string? actor = "admin")
    {
        await using var db = NewContext();
        var instance = await Runtime.RetryAsync(db, instanceId, actor);
        await db.SaveChangesAsync();
        return instance;
    }

    /// <summary>Completes the open task of an activity, as a person would from the inbox.</summary>
    public async Task<WorkflowInstance> CompleteTaskAsync(Guid instanceId, string activityId, string? outcome = null, object? payload = null, string actor = "alice")
    {
        var task = await OpenTaskAsync(instanceId, activityId);
        return await ResumeAsync(Stimulus.ForTask(task.Id, outcome, payload is null ? null : JsonSerializer.SerializeToElement(payload), actor));
    }

    public async Task<HumanTask> OpenTaskAsync(Guid instanceId, string activityId)
    {
        await using var db = NewContext();
        return await db.Set<HumanTask>().AsNoTracking()
            .SingleAsync(t => t.InstanceId == instanceId && t.ActivityId == activityId && t.Status == HumanTaskStatus.Open);
    }

    public async Task<WorkflowInstance> InstanceAsync(Guid id)
    {
        await using var db = NewContext();
        return await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == id);
    }

    public async Task<List<T>> RowsAsync<T>(Guid instanceId) where T : class
    {
        await using var db = NewContext();
        return await db.Set<T>().AsNoTracking().Where(r => EF.Property<Guid>(r, "InstanceId") == instanceId).ToListAsync();
    }

    /// <summary>The open tasks of an instance, by activity id, sorted: what its inbox shows.</summary>
    public async Task<string[]> OpenTaskActivitiesAsync(Guid instanceId) =>
        (await RowsAsync<HumanTask>(instanceId)).Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.ActivityId).Order().ToArray();

    /// <summary>How many times each activity completed, from the journal.</summary>
    public async Task<int> CompletionsAsync(Guid instanceId, string activityId) =>
        (await RowsAsync<JournalEntry>(instanceId)).Count(j => j.ActivityId == activityId && j.Event == JournalEvent.Completed);

    public void Dispose()
    {
        foreach (var file in new[] { Path, Path + "-journal", Path + "-wal", Path + "-shm" })
            File.Delete(file);
    }
}

/// <summary>Small activities and specs the tests build flows from.</summary>
internal static class Flow
{
    public static HumanTaskActivity UserTask(string id, string role = "investigator", string unit = "unit-1") =>
        new(id, _ => new HumanTaskSpec("review", $"Do {id}", role, unit));

    /// <summary>A code activity that only records, in a variable named after it, that it ran.</summary>
    public static Code Mark(string id) => new(id, ctx => ctx.Set(id, ctx.Get<int>(id) + 1));

    public static Code Fail(string id, string message) => new(id, _ => Throw(message));

    private static void Throw(string message) => throw new InvalidOperationException(message);
}
