using Investigation.Workflows.Runtime.Persistence;
namespace Investigation.Workflows.Runtime.Activities;

/// <summary>
/// Puts a task in an inbox and waits for it. Completing the task (a stimulus for bookmark
/// HumanTask with the task id as key) stores the payload in the variable named after this
/// activity, closes the task, and completes with the stimulus's outcome.
/// </summary>
public sealed class HumanTaskActivity(string id, Func<ActivityContext, HumanTaskSpec> spec) : Activity(id)
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.CreateHumanTask(spec(context));
        return ValueTask.FromResult(ActivityResult.Block);
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
    {
        if (stimulus.BookmarkName != BookmarkNames.HumanTask) return await base.ResumeAsync(context, stimulus);

        var task = await RuntimeQueries.TaskAsync(context.Db, Guid.Parse(stimulus.Key), context.CancellationToken)
            ?? throw new InvalidOperationException($"Human task {stimulus.Key} of {this} does not exist.");
        if (task.Status != HumanTaskStatus.Open)
            throw new InvalidOperationException($"Human task {task.Id} of {this} is {task.Status}, not open.");

        var outcome = stimulus.Outcome ?? ActivityResult.Done;
        context.Set(Id, stimulus.Payload);
        task.Close(HumanTaskStatus.Completed, context.Now, stimulus.Actor, outcome, stimulus.Payload?.GetRawText());
        return ActivityResult.Complete(outcome);
    }
}
