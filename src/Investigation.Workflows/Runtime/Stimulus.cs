using System.Text.Json;
using Investigation.Workflows.Runtime.Activities;

namespace Investigation.Workflows.Runtime;

/// <summary>Something from outside that resumes the instance waiting on the bookmark with this name and key.</summary>
public sealed record Stimulus(string BookmarkName, string Key, string? Outcome = null, JsonElement? Payload = null, string? Actor = null)
{
    public static Stimulus ForTask(Guid taskId, string? outcome = null, JsonElement? payload = null, string? actor = null) =>
        new(BookmarkNames.HumanTask, taskId.ToString(), outcome, payload, actor);

    public static Stimulus ForTimer(Guid instanceId, string activityId, string? actor = null) =>
        new(BookmarkNames.Timer, TimerActivity.KeyFor(instanceId, activityId), Actor: actor);
}

public static class BookmarkNames
{
    public const string HumanTask = "HumanTask";
    public const string Timer = "Timer";
}
