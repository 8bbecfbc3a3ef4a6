namespace Investigation.Workflows.Runtime.Activities;

/// <summary>Ends the whole instance as Completed: other paths stop, bookmarks go, open tasks are cancelled.</summary>
public sealed class Finish(string id) : Activity(id)
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Complete());
}
