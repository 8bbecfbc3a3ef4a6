using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// A human task with its time limit enforced: creating the task also creates its deadline timers
/// (reminder, due, second escalation; <see cref="DeadlineBookmarks"/>) as side bookmarks, in the
/// same step and so in the same transaction. When a timer fires, its effect is applied and the
/// activity goes on waiting for the task; when the task is done, the activity completes with the
/// task's outcome, exactly as <see cref="HumanTaskActivity"/>, and the runtime removes the timers
/// still pending. The due date comes from the kind's policy (<see cref="DeadlinePolicy"/>).
/// </summary>
public sealed class DeadlineTask(string id, Func<ActivityContext, HumanTaskSpec> spec) : Activity(id)
{
    // Completing the task is the plain human task's business; only the deadlines are added here.
    private readonly HumanTaskActivity task = new(id, spec);

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var services = Services(context);
        var request = spec(context);
        var plan = services.GetRequiredService<DeadlinePolicy>().PlanFor(request.Kind, context.Now);
        var taskId = context.CreateHumanTask(request with { DueAt = plan.DueAt });
        DeadlineBookmarks.Create(context, taskId, plan);
        return ValueTask.FromResult(ActivityResult.Block);
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
    {
        if (stimulus.BookmarkName != DeadlineBookmarks.Name) return await task.ResumeAsync(context, stimulus);

        var (taskId, effect) = DeadlineBookmarks.Parse(stimulus.Key);
        var row = await RuntimeQueries.TaskAsync(context.Db, taskId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Human task {taskId} of {this} does not exist.");
        await Services(context).GetRequiredService<DeadlineEffects>().ApplyAsync(row, effect, context.CancellationToken);
        // Still waiting for the task itself: its blocking bookmark is untouched.
        return ActivityResult.Block;
    }

    private IServiceProvider Services(ActivityContext context) =>
        context.Services ?? throw new InvalidOperationException($"{this} needs the application's services (deadline policy and notifications).");
}
