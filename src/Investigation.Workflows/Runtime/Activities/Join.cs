namespace Investigation.Workflows.Runtime.Activities;

/// <summary>
/// Synchronizing merge. A path that arrives here ends; the join then completes once, with Done,
/// when no live path of the instance can still reach it: nothing is scheduled and no blocking
/// bookmark sits on an activity from which the join is reachable. So it waits for every branch
/// of a first fork, and on a later partial re-run only for the branches re-opened; a branch that
/// ends elsewhere, or a side bookmark, does not hold it.
/// </summary>
public sealed class Join(string id) : Activity(id)
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Complete());
}
