namespace Investigation.Workflows.Runtime.Activities;

/// <summary>
/// Waits until a moment: a Timer bookmark with ResumeAt, which a scheduler job finds through
/// <see cref="WorkflowRuntime.DueBookmarksAsync"/> and resumes. Not named Timer, which would
/// clash with System.Threading.Timer wherever implicit usings are on.
/// </summary>
public sealed class TimerActivity(string id, Func<ActivityContext, DateTimeOffset> resumeAt) : Activity(id)
{
    public TimerActivity(string id, TimeSpan delay) : this(id, ctx => ctx.Now + delay) { }

    public static string KeyFor(Guid instanceId, string activityId) => $"{instanceId}:{activityId}";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.CreateBookmark(BookmarkNames.Timer, KeyFor(context.InstanceId, Id), resumeAt(context));
        return ValueTask.FromResult(ActivityResult.Block);
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus) =>
        ValueTask.FromResult(ActivityResult.Complete());
}
