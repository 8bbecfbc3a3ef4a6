using System.Text.Json.Nodes;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Runtime;

/// <summary>
/// One step of one instance: runs scheduled work items until every path has blocked or ended,
/// then records the instance's status and state. It only changes tracked entities; the caller commits.
/// </summary>
internal sealed class Execution(
    WorkflowRuntime runtime, DbContext db, WorkflowInstance instance, WorkflowDefinition definition,
    ExecutionState state, List<Bookmark> bookmarks, string? actor, CancellationToken cancellationToken)
{
    private readonly Queue<WorkItem> queue = new();
    private JsonObject? variables;
    private bool variablesChanged;

    // What the running activity did, so that a throw leaves nothing half-done for Retry to duplicate.
    private List<Action>? undo;
    private List<Bookmark>? created;

    public DbContext Db => db;
    public WorkflowInstance Instance => instance;
    public WorkflowDefinition Definition => definition;
    public TimeProvider Time => runtime.Time;
    public IServiceProvider? Services => runtime.Services;
    public string? Actor => actor;
    public CancellationToken CancellationToken => cancellationToken;
    private DateTimeOffset Now => runtime.Time.GetUtcNow();

    // Parsed on first use: many steps never touch a variable.
    public JsonObject Variables => variables ??= JsonNode.Parse(instance.VariablesJson)?.AsObject() ?? [];

    public async Task RunAsync(IEnumerable<WorkItem> work)
    {
        instance.Status = WorkflowStatus.Running;
        foreach (var item in work) queue.Enqueue(item);

        if (await DrainAsync())
        {
            if (bookmarks.Exists(b => b.Blocking)) instance.Status = WorkflowStatus.Waiting;
            else await CompleteAsync(); // every path has ended
        }

        instance.StateJson = state.ToJson();
        if (variablesChanged) instance.VariablesJson = Variables.ToJsonString(WorkflowJson.Options);
        instance.UpdatedAt = Now;
    }

    /// <returns>false when the instance faulted or finished.</returns>
    private async Task<bool> DrainAsync()
    {
        while (true)
        {
            while (queue.TryDequeue(out var item))
                if (!await StepAsync(item)) return false;

            if (NextJoinToFire() is not { } join) return true;
            state.Joins!.Remove(join);
            queue.Enqueue(new WorkItem(join, Fire: true));
        }
    }

    private async Task<bool> StepAsync(WorkItem item)
    {
        Activity? activity = null;
        ActivityResult result;
        undo = null;
        created = null;
        try
        {
            activity = definition.GetActivity(item.ActivityId);
            if (activity is Join && !item.Fire)
            {
                // An arrival ends its path; the join runs later, once (see NextJoinToFire).
                state.Joins ??= [];
                if (!state.Joins.Contains(activity.Id))
                {
                    state.Joins.Add(activity.Id);
                    Journal(activity.Id, activity, JournalEvent.Started);
                }
                return true;
            }

            if (item.Stimulus is not null) Journal(activity.Id, activity, JournalEvent.Resumed);
            else if (!item.Fire) Journal(activity.Id, activity, JournalEvent.Started);

            var context = new ActivityContext(this, activity);
            result = item.Stimulus is { } stimulus
                ? await activity.ResumeAsync(context, stimulus)
                : await activity.ExecuteAsync(context);

            // A path must always be resumable or over; otherwise a join could wait forever.
            if (result.IsBlocked && !bookmarks.Exists(b => b.Blocking && b.ActivityId == activity.Id))
                throw new InvalidOperationException($"{activity} blocked without a blocking bookmark to be resumed by.");
            if (!result.IsBlocked && created?.Exists(b => b.Blocking) == true)
                throw new InvalidOperationException($"{activity} completed but created a blocking bookmark; block instead, or make it a side bookmark (blocking: false).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fault(item, activity, ex);
            return false;
        }

        if (result.IsBlocked)
        {
            Journal(activity.Id, activity, JournalEvent.Blocked);
            return true;
        }

        Journal(activity.Id, activity, JournalEvent.Completed, result.ToString());
        await ReleaseAsync(activity.Id);
        if (activity is Finish)
        {
            await CompleteAsync();
            return false;
        }
        foreach (var outcome in result.Outcomes)
            foreach (var to in definition.Targets(activity.Id, outcome))
                queue.Enqueue(new WorkItem(to));
        return true;
    }

    /// <summary>
    /// A join fires once no blocking bookmark sits on an activity from which it can still be
    /// reached (the queue is empty here). Of several such joins, an upstream one goes first, so
    /// a downstream join collects its arrival before firing once.
    /// </summary>
    private string? NextJoinToFire()
    {
        if (state.Joins is not { Count: > 0 } joins) return null;
        string? unblocked = null;
        foreach (var join in joins)
        {
            if (bookmarks.Exists(b => b.Blocking && definition.CanReach(b.ActivityId, join))) continue;
            if (!joins.Exists(other => other != join && definition.CanReach(other, join))) return join;
            unblocked ??= join; // joins on a common loop reach each other: take the earliest arrival
        }
        return unblocked;
    }

    /// <summary>
    /// An activity that completes waits no more: bookmarks it made in earlier calls go (the other
    /// bookmarks of a wait-for-any, a task's side deadline) and their open tasks are cancelled.
    /// Side bookmarks made in this very call stay, to resume the activity later.
    /// </summary>
    private async Task ReleaseAsync(string activityId)
    {
        for (var i = bookmarks.Count - 1; i >= 0; i--)
        {
            var bookmark = bookmarks[i];
            if (bookmark.ActivityId != activityId || created?.Contains(bookmark) == true) continue;
            bookmarks.RemoveAt(i);
            db.Remove(bookmark);
            if (bookmark.Name == BookmarkNames.HumanTask && Guid.TryParse(bookmark.Key, out var taskId)
                && await RuntimeQueries.TaskAsync(db, taskId, cancellationToken) is { Status: HumanTaskStatus.Open } task)
                task.Close(HumanTaskStatus.Cancelled, Now, actor);
        }
    }

    private async Task CompleteAsync()
    {
        queue.Clear();
        state.Joins = null;
        await WorkflowRuntime.CloseAsync(db, instance, bookmarks, WorkflowStatus.Completed, Now, actor, cancellationToken);
    }

    private void Fault(WorkItem item, Activity? activity, Exception ex)
    {
        if (undo is not null)
            for (var i = undo.Count - 1; i >= 0; i--) undo[i]();
        // Keep the faulted item and everything still scheduled, so Retry carries on where this stopped.
        state.Pending = [item, .. queue];
        state.FaultedActivityId = item.ActivityId;
        queue.Clear();
        instance.Status = WorkflowStatus.Faulted;
        var now = Now;
        db.Add(new Incident
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instance.Id,
            ActivityId = item.ActivityId,
            Message = ex.Message,
            Detail = ex.ToString(),
            At = now,
        });
        Journal(item.ActivityId, activity, JournalEvent.Faulted, detail: ex.Message);
    }

    private void Journal(string activityId, Activity? activity, JournalEvent @event, string? outcome = null, string? detail = null) =>
        WorkflowRuntime.Journal(db, instance.Id, activityId, activity?.GetType().Name ?? "Unknown", @event, actor, Now, outcome, detail);

    internal void SetVariable(string name, JsonNode? value)
    {
        var vars = Variables;
        var had = vars.TryGetPropertyValue(name, out var old);
        vars[name] = value;
        variablesChanged = true;
        OnUndo(() =>
        {
            if (had) vars[name] = old?.DeepClone();
            else vars.Remove(name);
        });
    }

    internal Bookmark CreateBookmark(string activityId, string name, string key, DateTimeOffset? resumeAt, bool blocking)
    {
        if (bookmarks.Exists(b => b.Name == name && b.Key == key))
            throw new InvalidOperationException($"Instance {instance.Id} already has a bookmark '{name}' with key '{key}'.");
        var now = Now;
        var bookmark = new Bookmark
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instance.Id,
            ActivityId = activityId,
            Name = name,
            Key = key,
            ResumeAt = resumeAt,
            CreatedAt = now,
            Blocking = blocking,
        };
        Add(bookmark);
        bookmarks.Add(bookmark);
        (created ??= []).Add(bookmark);
        OnUndo(() => bookmarks.Remove(bookmark));
        return bookmark;
    }

    internal void Add<T>(T entity) where T : class
    {
        db.Add(entity);
        OnUndo(() => db.Entry(entity).State = EntityState.Detached);
    }

    private void OnUndo(Action action) => (undo ??= []).Add(action);
}
