namespace Investigation.Workflows.Runtime.Activities;

/// <summary>Splits the path: connect its Done outcome to every branch.</summary>
public sealed class Fork(string id) : Activity(id)
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Complete());
}
