using Investigation.Domain.Accountability;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// What follows the delivery of the decision document, each a workflow of its own beside the case's investigation
/// (whose instances keep their version): the organisational adjustment the organisation department completes within
/// one month (Article 14), and an appeal the deciding organisation answers within one month (Article 20).
/// </summary>
public static class ExecutionWorkflows
{
    public const string Adjustment = "organisational-adjustment";
    public const string Appeal = "appeal";

    public static class Outcomes
    {
        public const string Upheld = nameof(Upheld);
        public const string Changed = nameof(Changed);
    }

    /// <summary>Variables each instance starts with: the statutory last day is fixed when the clock starts.</summary>
    public sealed record Input(Guid CaseId, string CaseNumber, Guid UnitId, DateOnly LastDay, int? AppealNumber = null);

    public static WorkflowDefinition AdjustmentVersion1() => new WorkflowBuilder(Adjustment, 1)
        .Add(new StatutoryDeadlineTask("adjustment", TaskKinds.OrganisationalAdjustment))
        .Add(new Finish("end"))
        .StartWith("adjustment")
        .Connect("adjustment", "end")
        .Build();

    public static WorkflowDefinition AppealVersion1() => new WorkflowBuilder(Appeal, 1)
        .Add(new StatutoryDeadlineTask("appeal-decision", TaskKinds.AppealDecision))
        .Add(new Finish("end"))
        .StartWith("appeal-decision")
        .Connect("appeal-decision", Outcomes.Upheld, "end")
        .Connect("appeal-decision", Outcomes.Changed, "end")
        .Build();
}

/// <summary>
/// A human task whose due time is the end of a statutory last day (in the instance's <see cref="ExecutionWorkflows.Input"/>)
/// rather than the office's configured number of days. Its reminder and escalations are the same timer bookmarks as
/// every other task's (<see cref="DeadlineBookmarks"/>): at the configured share of the time, at the due time, and the
/// configured grace days after it.
/// </summary>
public sealed class StatutoryDeadlineTask(string id, string kind) : Activity(id)
{
    private readonly HumanTaskActivity task = new(id, ctx => Spec(ctx, kind));

    private static HumanTaskSpec Spec(ActivityContext ctx, string kind)
    {
        var input = ctx.Get<ExecutionWorkflows.Input>(nameof(ExecutionWorkflows.Input))!;
        var info = TaskKinds.Of(kind);
        return new HumanTaskSpec(kind, $"{info.Name.Zh} · {info.Name.En} — {input.CaseNumber}", info.Role, input.UnitId.ToString());
    }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var input = context.Get<ExecutionWorkflows.Input>(nameof(ExecutionWorkflows.Input))!;
        var options = Services(context).GetRequiredService<DeadlinePolicy>().Options;
        var due = TimeLimits.EndOf(input.LastDay);
        var allowed = due - context.Now;
        var reminder = allowed > TimeSpan.Zero ? context.Now + allowed * options.ReminderAt : due;
        var plan = new DeadlinePlan(reminder, due, options.GraceDays > 0 ? due.AddDays(options.GraceDays) : null,
            DayCounting.CalendarDays, Math.Max(1, (int)Math.Ceiling(allowed.TotalDays)));
        var taskId = context.CreateHumanTask(Spec(context, kind) with { DueAt = due });
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
        return ActivityResult.Block;
    }

    private IServiceProvider Services(ActivityContext context) =>
        context.Services ?? throw new InvalidOperationException($"{this} needs the application's services (deadline policy and notifications).");
}
