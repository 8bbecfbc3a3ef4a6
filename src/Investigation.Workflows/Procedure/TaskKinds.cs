using Investigation.Domain;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;

namespace Investigation.Workflows.Procedure;

/// <summary>The kinds of human task of the investigation, who takes them, and what they are called.</summary>
public static class TaskKinds
{
    public const string Acceptance = nameof(Acceptance);
    public const string PartyConcernedFindings = nameof(PartyConcernedFindings);
    public const string SecurityLeadFindings = nameof(SecurityLeadFindings);
    public const string MainLeadFindings = nameof(MainLeadFindings);
    public const string CoordinationAssessment = nameof(CoordinationAssessment);
    public const string CoordinatingHeadFindings = nameof(CoordinatingHeadFindings);
    public const string ResponsibilityDetermination = nameof(ResponsibilityDetermination);
    public const string Hearing = nameof(Hearing);
    public const string AccountabilitySuggestion = nameof(AccountabilitySuggestion);
    public const string DisciplineReview = nameof(DisciplineReview);
    public const string ReviewApproval = nameof(ReviewApproval);
    public const string Decision = nameof(Decision);
    public const string Acknowledgement = nameof(Acknowledgement);
    public const string OrganisationalAdjustment = nameof(OrganisationalAdjustment);
    public const string AppealDecision = nameof(AppealDecision);

    public sealed record Info(string Kind, string Role, BilingualText Name);

    public static readonly IReadOnlyList<Info> All =
    [
        new(Acceptance, Roles.CaseOfficer, new("受理", "Acceptance")),
        new(PartyConcernedFindings, Roles.Investigator, new("倒查：当事人", "Trace-back: party concerned")),
        new(SecurityLeadFindings, Roles.Investigator, new("倒查：网络安全负责人", "Trace-back: cybersecurity person in charge")),
        new(MainLeadFindings, Roles.Investigator, new("倒查：主要负责人", "Trace-back: main person in charge")),
        new(CoordinationAssessment, Roles.Investigator, new("协调监管评估", "Coordination and supervision assessment")),
        new(CoordinatingHeadFindings, Roles.Investigator, new("倒查：综合协调或监管部门负责人", "Trace-back: coordinating or supervising head")),
        new(ResponsibilityDetermination, Roles.Investigator, new("责任认定", "Responsibility determination")),
        new(Hearing, Roles.Investigator, new("陈述和申辩", "Hearing")),
        new(AccountabilitySuggestion, Roles.CaseOfficer, new("问责建议", "Accountability suggestion")),
        new(DisciplineReview, Roles.DisciplineReviewer, new("纪检审核", "Discipline inspection review")),
        new(ReviewApproval, Roles.DisciplineApprover, new("审核批准", "Review approval")),
        new(Decision, Roles.PartyCommittee, new("问责决定", "Decision")),
        new(Acknowledgement, Roles.CadreManagement, new("干部主管部门接收", "Cadre management acknowledgement")),
        // Statutory time limits (one month, Articles 14 and 20 of the Accountability Regulations), not the office's days.
        new(OrganisationalAdjustment, Roles.CadreManagement, new("组织调整或者组织处理手续", "Organisational adjustment formalities")),
        new(AppealDecision, Roles.PartyCommittee, new("申诉处理", "Appeal decision")),
    ];

    public static Info Of(string kind) => Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown task kind.");

    /// <summary>The kind, or null for one the investigation does not know (another workflow's, or a retired one).</summary>
    public static Info? Find(string? kind) => All.FirstOrDefault(i => i.Kind == kind);

    /// <summary>A task's name in both languages with its case's number ("受理（2026-0001）"): its stored title carries both, for logs.</summary>
    public static BilingualText TitleOf(HumanTask task)
    {
        var (name, number) = (NameOf(task), CaseNumberOf(task));
        return number.Length == 0 ? name : new($"{name.Zh}（{number}）", $"{name.En} ({number})");
    }

    /// <summary>The task's kind's name, or its stored title for a kind the investigation does not know.</summary>
    public static BilingualText NameOf(HumanTask task) => Find(task.Kind)?.Name ?? new BilingualText(task.Title, task.Title);

    /// <summary>The case number the task's title ends with ("… — 2026-0001"), or "".</summary>
    public static string CaseNumberOf(HumanTask task) => task.Title.Split(" — ") is [_, .., var n] ? n : "";

    public static string FindingsKind(TraceBackLevel level) => level switch
    {
        TraceBackLevel.PartyConcerned => PartyConcernedFindings,
        TraceBackLevel.SecurityLead => SecurityLeadFindings,
        TraceBackLevel.MainLead => MainLeadFindings,
        _ => CoordinatingHeadFindings,
    };

    public static TraceBackLevel? LevelOf(string kind) => kind switch
    {
        PartyConcernedFindings => TraceBackLevel.PartyConcerned,
        SecurityLeadFindings => TraceBackLevel.SecurityLead,
        MainLeadFindings => TraceBackLevel.MainLead,
        CoordinatingHeadFindings => TraceBackLevel.CoordinatingSupervisingHead,
        _ => null,
    };
}
