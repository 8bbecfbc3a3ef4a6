using Investigation.Domain.Cases;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// The accountability investigation as a flowchart (version 1):
/// acceptance → trace-back (levels 1→2→3, and in parallel the coordination assessment with level 4
/// when it was ineffective) → join → responsibility → hearing → suggestion → discipline review
/// (endorse → second-reviewer approval → decision → acknowledgement; return → only the named levels
/// again, back through the join; decline → end).
/// </summary>
public static class InvestigationWorkflow
{
    public const string Name = "investigation";

    public static class Outcomes
    {
        public const string Accepted = nameof(Accepted);
        public const string Rejected = nameof(Rejected);
        public const string Ineffective = nameof(Ineffective);
        public const string Effective = nameof(Effective);
        public const string Endorsed = nameof(Endorsed);
        public const string Returned = nameof(Returned);
        public const string Declined = nameof(Declined);
        public const string Approved = nameof(Approved);
        public const string Refused = nameof(Refused);
        public static string Reopen(TraceBackLevel level) => $"Reopen{(int)level}";
    }

    /// <summary>Variables every instance starts with.</summary>
    public sealed record Input(Guid CaseId, string CaseNumber, Guid UnitId);

    public static WorkflowDefinition Version1() => new WorkflowBuilder(Name, 1)
        .Add(Task("accept", TaskKinds.Acceptance))
        .Add(new Fork("trace-back"))
        .Add(Task("level-1", TaskKinds.PartyConcernedFindings), Task("level-2", TaskKinds.SecurityLeadFindings), Task("level-3", TaskKinds.MainLeadFindings))
        .Add(Task("coordination", TaskKinds.CoordinationAssessment), Task("level-4", TaskKinds.CoordinatingHeadFindings))
        .Add(new Join("trace-back-done"))
        .Add(new Code("complete-trace-back", ctx => Case(ctx).CompleteTraceBack()))
        .Add(Task("responsibility", TaskKinds.ResponsibilityDetermination, lead: true))
        .Add(Task("hearing", TaskKinds.Hearing))
        .Add(Task("suggestion", TaskKinds.AccountabilitySuggestion))
        .Add(Task("review", TaskKinds.DisciplineReview))
        .Add(Task("approval", TaskKinds.ReviewApproval))
        .Add(Task("decision", TaskKinds.Decision))
        .Add(Task("acknowledgement", TaskKinds.Acknowledgement))
        .Add(new Code("reopen", ctx => ReturnedLevels(ctx)))
        .Add(Task("again-level-1", TaskKinds.PartyConcernedFindings), Task("again-level-2", TaskKinds.SecurityLeadFindings),
             Task("again-level-3", TaskKinds.MainLeadFindings), Task("again-coordination", TaskKinds.CoordinationAssessment),
             Task("again-level-4", TaskKinds.CoordinatingHeadFindings))
        .Add(new Finish("end"))
        .StartWith("accept")
        .Connect("accept", Outcomes.Accepted, "trace-back")
        .Connect("accept", Outcomes.Rejected, "end")
        // Trace back level by level; coordination and supervision are assessed alongside.
        .Connect("trace-back", "level-1")
        .Connect("level-1", "level-2")
        .Connect("level-2", "level-3")
        .Connect("level-3", "trace-back-done")
        .Connect("trace-back", "coordination")
        .Connect("coordination", Outcomes.Ineffective, "level-4")
        .Connect("coordination", Outcomes.Effective, "trace-back-done")
        .Connect("level-4", "trace-back-done")
        .Connect("trace-back-done", "complete-trace-back")
        .Connect("complete-trace-back", "responsibility")
        .Connect("responsibility", "hearing")
        .Connect("hearing", "suggestion")
        .Connect("suggestion", "review")
        .Connect("review", Outcomes.Endorsed, "approval")
        .Connect("review", Outcomes.Returned, "reopen")
        .Connect("review", Outcomes.Declined, "end")
        .Connect("approval", Outcomes.Approved, "decision")
        .Connect("approval", Outcomes.Refused, "review")
        .Connect("decision", "acknowledgement")
        .Connect("acknowledgement", "end")
        // Supplementary investigation: only the levels the reviewer named run again, straight back to the join.
        .Connect("reopen", Outcomes.Reopen(TraceBackLevel.PartyConcerned), "again-level-1")
        .Connect("reopen", Outcomes.Reopen(TraceBackLevel.SecurityLead), "again-level-2")
        .Connect("reopen", Outcomes.Reopen(TraceBackLevel.MainLead), "again-level-3")
        .Connect("reopen", Outcomes.Reopen(TraceBackLevel.CoordinatingSupervisingHead), "again-coordination")
        .Connect("again-level-1", "trace-back-done")
        .Connect("again-level-2", "trace-back-done")
        .Connect("again-level-3", "trace-back-done")
        .Connect("again-coordination", Outcomes.Ineffective, "again-level-4")
        .Connect("again-coordination", Outcomes.Effective, "trace-back-done")
        .Connect("again-level-4", "trace-back-done")
        .Build();

    /// <summary>The activity ids of each kind, for the process diagram and for tests.</summary>
    public static IEnumerable<string> ActivitiesOf(string kind) =>
        Version1().Activities.OfType<DeadlineTask>().Where(a => TaskKindOf(a.Id) == kind).Select(a => a.Id);

    public static string? TaskKindOf(string activityId) => activityId.Replace("again-", "") switch
    {
        "accept" => TaskKinds.Acceptance,
        "level-1" => TaskKinds.PartyConcernedFindings,
        "level-2" => TaskKinds.SecurityLeadFindings,
        "level-3" => TaskKinds.MainLeadFindings,
        "coordination" => TaskKinds.CoordinationAssessment,
        "level-4" => TaskKinds.CoordinatingHeadFindings,
        "responsibility" => TaskKinds.ResponsibilityDetermination,
        "hearing" => TaskKinds.Hearing,
        "suggestion" => TaskKinds.AccountabilitySuggestion,
        "review" => TaskKinds.DisciplineReview,
        "approval" => TaskKinds.ReviewApproval,
        "decision" => TaskKinds.Decision,
        "acknowledgement" => TaskKinds.Acknowledgement,
        // The steps of the workflows that follow the delivery (ExecutionWorkflows), named and drawn as tasks too.
        "adjustment" => TaskKinds.OrganisationalAdjustment,
        "appeal-decision" => TaskKinds.AppealDecision,
        _ => null,
    };

    // Every task's time limit is enforced: its due date, reminder and escalations come from the kind's policy (TaskDeadlines).
    private static DeadlineTask Task(string id, string kind, bool lead = false) => new(id, ctx =>
    {
        var input = ctx.Get<Input>(nameof(Input))!;
        var info = TaskKinds.Of(kind);
        return new HumanTaskSpec(kind, $"{info.Name.Zh} · {info.Name.En} — {input.CaseNumber}", info.Role, input.UnitId.ToString())
        {
            // The responsibility determination is the lead investigator's (Article 9 findings are confirmed by the lead).
            AssigneeId = lead ? Case(ctx).Team?.Lead : null,
        };
    });

    private static Case Case(ActivityContext ctx) =>
        (ctx.Services ?? throw new InvalidOperationException("The investigation workflow needs the application's services."))
        .GetRequiredService<CaseSession>().Case;

    private static string[] ReturnedLevels(ActivityContext ctx)
    {
        var review = Case(ctx).Reviews.LastOrDefault(r => r.Outcome == ReviewOutcome.Returned)
            ?? throw new InvalidOperationException("The case was routed to reopen levels without a return on record.");
        return review.ReturnedLevels.Select(Outcomes.Reopen).ToArray();
    }
}
