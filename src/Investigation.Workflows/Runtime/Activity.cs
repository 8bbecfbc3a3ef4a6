namespace Investigation.Workflows.Runtime;

/// <summary>
/// A step of a flowchart. One object serves every instance, on any thread, so an activity
/// keeps no state of its own: state lives in the instance's variables and bookmarks.
/// </summary>
public abstract class Activity
{
    protected Activity(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }

    /// <summary>Runs when a path reaches the activity: complete with outcomes, or create a blocking bookmark and block.</summary>
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Runs when a stimulus matches one of the activity's bookmarks. By default it completes with the stimulus's outcome.</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus) =>
        ValueTask.FromResult(ActivityResult.Complete(stimulus.Outcome ?? ActivityResult.Done));

    public override string ToString() => $"{GetType().Name} '{Id}'";
}

/// <summary>How an activity ended this call: completed with one or more outcomes, or blocked on a bookmark.</summary>
public sealed class ActivityResult
{
    public const string Done = "Done";

    private static readonly ActivityResult DoneResult = new([Done], false);
    private static readonly ActivityResult Blocked = new([], true);

    private ActivityResult(IReadOnlyList<string> outcomes, bool isBlocked) => (Outcomes, IsBlocked) = (outcomes, isBlocked);

    public IReadOnlyList<string> Outcomes { get; }
    public bool IsBlocked { get; }

    /// <summary>
    /// Completes, firing the connections of every outcome given (several outcomes fire several
    /// connections); no outcome at all means <see cref="Done"/>.
    /// </summary>
    public static ActivityResult Complete(params string[] outcomes) => outcomes switch
    {
        [] or [Done] => DoneResult,
        [_] => new(outcomes, false),
        _ => new(outcomes.Distinct().ToArray(), false),
    };

    /// <summary>Waits: the activity has created at least one blocking bookmark to be resumed by.</summary>
    public static ActivityResult Block => Blocked;

    public override string ToString() => IsBlocked ? "Blocked" : string.Join(",", Outcomes);
}
