using System.Text.Json;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Runtime;

/// <summary>What an activity sees of its instance while it runs: variables, time, actor, and the means to wait.</summary>
public sealed class ActivityContext
{
    private readonly Execution execution;

    internal ActivityContext(Execution execution, Activity activity) => (this.execution, Activity) = (execution, activity);

    public Guid InstanceId => execution.Instance.Id;
    public string? CorrelationId => execution.Instance.CorrelationId;
    public WorkflowDefinition Definition => execution.Definition;
    public Activity Activity { get; }
    public TimeProvider Time => execution.Time;
    public DateTimeOffset Now => execution.Time.GetUtcNow();

    /// <summary>Who caused this step (the starter, or the sender of the stimulus); null for the system.</summary>
    public string? Actor => execution.Actor;

    /// <summary>The application's services; null when the runtime was built without them (tests).</summary>
    public IServiceProvider? Services => execution.Services;

    /// <summary>The caller's unit of work: rows added here are committed together with the step.</summary>
    public DbContext Db => execution.Db;

    public CancellationToken CancellationToken => execution.CancellationToken;

    /// <summary>The variable's value, or default when it is not set.</summary>
    public T? Get<T>(string name) =>
        execution.Variables.TryGetPropertyValue(name, out var node) && node is not null
            ? node.Deserialize<T>(WorkflowJson.Options)
            : default;

    public bool Has(string name) => execution.Variables.ContainsKey(name);

    public void Set<T>(string name, T value) => execution.SetVariable(name, JsonSerializer.SerializeToNode(value, WorkflowJson.Options));

    /// <summary>
    /// Waits for a stimulus with this name and key. A blocking bookmark holds the activity's
    /// path (return <see cref="ActivityResult.Block"/>); a side bookmark (blocking: false) does not.
    /// </summary>
    public Bookmark CreateBookmark(string name, string key, DateTimeOffset? resumeAt = null, bool blocking = true) =>
        execution.CreateBookmark(Activity.Id, name, key, resumeAt, blocking);

    /// <summary>Creates the inbox row and its blocking bookmark (name HumanTask, key the task id) together; returns the task id.</summary>
    public Guid CreateHumanTask(HumanTaskSpec spec)
    {
        var now = Now;
        var task = new HumanTask
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = InstanceId,
            ActivityId = Activity.Id,
            Kind = spec.Kind,
            Title = spec.Title,
            CandidateRole = spec.CandidateRole,
            UnitId = spec.UnitId,
            AssigneeId = spec.AssigneeId,
            CorrelationId = CorrelationId,
            Status = HumanTaskStatus.Open,
            Priority = spec.Priority,
            CreatedAt = now,
            DueAt = spec.DueAt,
            Version = 1,
        };
        execution.Add(task);
        CreateBookmark(BookmarkNames.HumanTask, task.Id.ToString());
        return task.Id;
    }
}
