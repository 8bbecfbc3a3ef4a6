using System.Text.Json;
using System.Text.Json.Nodes;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Runtime;

/// <summary>
/// Starts, resumes, retries and cancels workflow instances. Every method only adds and changes
/// tracked entities in the caller's DbContext and never saves: the caller commits the step
/// together with its own rows, and a failed commit (for instance a
/// <see cref="DbUpdateConcurrencyException"/> when another step of the same instance won) undoes it all.
/// Commit each step before the next one touches the same instance. Register it scoped, so that
/// <see cref="ActivityContext.Services"/> is the request's scope rather than the root provider.
/// </summary>
public sealed class WorkflowRuntime(WorkflowDefinitionRegistry registry, TimeProvider time, IServiceProvider? services = null)
{
    public WorkflowDefinitionRegistry Registry => registry;
    public TimeProvider Time => time;
    public IServiceProvider? Services => services;

    /// <summary>Starts the latest version of the definition and runs until every path has blocked or ended.</summary>
    /// <param name="input">The initial variables: an object (anonymous, dictionary, record or JsonObject) or null.</param>
    public async Task<WorkflowInstance> StartAsync(
        DbContext db, string definitionName, object? input = null, string? correlationId = null,
        string? actor = null, CancellationToken cancellationToken = default)
    {
        var definition = registry.Latest(definitionName);
        var now = time.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(now),
            DefinitionName = definition.Name,
            DefinitionVersion = definition.Version,
            Status = WorkflowStatus.Running,
            CorrelationId = correlationId,
            VariablesJson = VariablesJson(input),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Add(instance);
        await new Execution(this, db, instance, definition, new ExecutionState(), [], actor, cancellationToken)
            .RunAsync([new WorkItem(definition.StartActivityId)]);
        return instance;
    }

    /// <summary>
    /// Delivers a stimulus to the bookmark with its name and key, consuming the bookmark, and runs
    /// the instance forward.
    /// </summary>
    /// <exception cref="WorkflowStimulusException">No such bookmark (unknown or already consumed), or its instance is not waiting.</exception>
    public async Task<WorkflowInstance> ResumeAsync(DbContext db, Stimulus stimulus, CancellationToken cancellationToken = default)
    {
        // Several lookups in a row: one open for all of them, since on SQLite an open costs about as much as a lookup.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ResumeOpenAsync(db, stimulus, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<WorkflowInstance> ResumeOpenAsync(DbContext db, Stimulus stimulus, CancellationToken cancellationToken)
    {
        var bookmarks = await RuntimeQueries.WaitingAsync(db, stimulus.BookmarkName, stimulus.Key, cancellationToken);
        // Consumed earlier in this same unit of work, not yet committed.
        bookmarks.RemoveAll(b => db.Entry(b).State == EntityState.Deleted);
        var bookmark = bookmarks.Find(b => b.Name == stimulus.BookmarkName && b.Key == stimulus.Key)
            ?? throw new WorkflowStimulusException(
                $"No workflow is waiting for '{stimulus.BookmarkName}' with key '{stimulus.Key}': the key is unknown, or the stimulus was already delivered.",
                stimulus.BookmarkName, stimulus.Key);

        var instance = await RuntimeQueries.InstanceAsync(db, bookmark.InstanceId, cancellationToken)
            ?? throw new WorkflowException($"Bookmark '{bookmark.Name}' with key '{bookmark.Key}' belongs to workflow instance {bookmark.InstanceId}, which does not exist.");
        if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running))
            throw new WorkflowStimulusException(
                $"Workflow instance {instance.Id} is {instance.Status}, so it cannot take '{stimulus.BookmarkName}' with key '{stimulus.Key}'"
                + (instance.Status == WorkflowStatus.Faulted ? "; retry it first." : "."),
                stimulus.BookmarkName, stimulus.Key);
        var definition = registry.Get(instance.DefinitionName, instance.DefinitionVersion);

        db.Remove(bookmark);
        bookmarks.Remove(bookmark);
        instance.Version++;
        await new Execution(this, db, instance, definition, ExecutionState.Parse(instance.StateJson), bookmarks, stimulus.Actor, cancellationToken)
            .RunAsync([new WorkItem(bookmark.ActivityId, stimulus)]);
        return instance;
    }

    /// <summary>The lookup that starts a resume, as a query (its plan is tested); ResumeAsync runs it compiled.</summary>
    internal static IQueryable<Bookmark> BookmarksOfInstanceWaitingFor(DbContext db, string name, string key) =>
        RuntimeQueries.BookmarksOfInstanceWaitingFor.Compile()(db, name, key);

    /// <summary>Re-runs the activity that faulted, then whatever was scheduled with it, and resolves the open incidents.</summary>
    public async Task<WorkflowInstance> RetryAsync(DbContext db, Guid instanceId, string? actor, CancellationToken cancellationToken = default)
    {
        var instance = await LoadAsync(db, instanceId, cancellationToken);
        if (instance.Status != WorkflowStatus.Faulted)
            throw new WorkflowException($"Workflow instance {instanceId} is {instance.Status}; only a faulted instance can be retried.");
        var definition = registry.Get(instance.DefinitionName, instance.DefinitionVersion);
        var state = ExecutionState.Parse(instance.StateJson);
        var now = time.GetUtcNow();

        await ResolveIncidentsAsync(db, instanceId, now, cancellationToken);
        Journal(db, instanceId, state.FaultedActivityId ?? "", JournalEntry.WorkflowType, JournalEvent.Retried, actor, now);
        var work = state.Pending ?? [];
        state.Pending = null;
        state.FaultedActivityId = null;
        var bookmarks = await db.Set<Bookmark>().Where(b => b.InstanceId == instanceId).ToListAsync(cancellationToken);
        instance.Version++;
        await new Execution(this, db, instance, definition, state, bookmarks, actor, cancellationToken).RunAsync(work);
        return instance;
    }

    /// <summary>Stops the instance for good: its bookmarks go, its open tasks are cancelled.</summary>
    public async Task<WorkflowInstance> CancelAsync(DbContext db, Guid instanceId, string? actor, string? reason, CancellationToken cancellationToken = default)
    {
        var instance = await LoadAsync(db, instanceId, cancellationToken);
        if (instance.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
            throw new WorkflowException($"Workflow instance {instanceId} is already {instance.Status}.");
        var now = time.GetUtcNow();
        var bookmarks = await db.Set<Bookmark>().Where(b => b.InstanceId == instanceId).ToListAsync(cancellationToken);
        await CloseAsync(db, instance, bookmarks, WorkflowStatus.Cancelled, now, actor, cancellationToken);
        await ResolveIncidentsAsync(db, instanceId, now, cancellationToken);
        instance.StateJson = "{}";
        instance.UpdatedAt = now;
        instance.Version++;
        Journal(db, instanceId, "", JournalEntry.WorkflowType, JournalEvent.Cancelled, actor, now, detail: reason);
        return instance;
    }

    /// <summary>
    /// Stimuli for the bookmarks whose ResumeAt has come (timers, deadlines), earliest first, for a
    /// scheduler job to resume. Two nodes may both pick one up: only the first commit takes effect.
    /// </summary>
    public async Task<IReadOnlyList<Stimulus>> DueBookmarksAsync(DbContext db, int max = 100, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<Bookmark>().AsNoTracking()
            .Where(b => b.ResumeAt <= now)
            .OrderBy(b => b.ResumeAt)
            .Take(max)
            .Select(b => new { b.Name, b.Key })
            .ToListAsync(cancellationToken);
        return due.ConvertAll(b => new Stimulus(b.Name, b.Key));
    }

    private static async Task<WorkflowInstance> LoadAsync(DbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        await RuntimeQueries.InstanceAsync(db, instanceId, cancellationToken)
        ?? throw new WorkflowException($"Workflow instance {instanceId} does not exist.");

    private static async Task ResolveIncidentsAsync(DbContext db, Guid instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var incident in await db.Set<Incident>().Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ToListAsync(cancellationToken))
            incident.ResolvedAt = now;
    }

    /// <summary>Ends the instance: no bookmark left to resume, no open task left in an inbox.</summary>
    internal static async Task CloseAsync(
        DbContext db, WorkflowInstance instance, List<Bookmark> bookmarks, WorkflowStatus status,
        DateTimeOffset now, string? actor, CancellationToken cancellationToken)
    {
        instance.Status = status;
        db.RemoveRange(bookmarks);
        bookmarks.Clear();
        // Tasks made in this step are tracked but not yet in the database: load the others, then cancel from the tracker.
        var tasks = db.Set<HumanTask>();
        if (db.Entry(instance).State != EntityState.Added)
            await tasks.Where(t => t.InstanceId == instance.Id && t.Status == HumanTaskStatus.Open).LoadAsync(cancellationToken);
        foreach (var task in tasks.Local.Where(t => t.InstanceId == instance.Id && t.Status == HumanTaskStatus.Open).ToList())
            task.Close(HumanTaskStatus.Cancelled, now, actor);
    }

    internal static void Journal(
        DbContext db, Guid instanceId, string activityId, string activityType, JournalEvent @event,
        string? actor, DateTimeOffset at, string? outcome = null, string? detail = null) =>
        db.Add(new JournalEntry
        {
            InstanceId = instanceId,
            ActivityId = activityId,
            ActivityType = activityType,
            Event = @event,
            Outcome = outcome,
            Actor = actor,
            At = at,
            Detail = detail,
        });

    private static string VariablesJson(object? input) => input switch
    {
        null => "{}",
        _ => JsonSerializer.SerializeToNode(input, WorkflowJson.Options) is JsonObject variables
            ? variables.ToJsonString(WorkflowJson.Options)
            : throw new ArgumentException($"Workflow input must serialize to a JSON object, not {input.GetType().Name}.", nameof(input)),
    };
}
