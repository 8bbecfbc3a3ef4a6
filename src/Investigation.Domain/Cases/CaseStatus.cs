namespace Investigation.Domain.Cases;

public enum CaseStatus
{
    /// <summary>Registered by a case officer, awaiting acceptance.</summary>
    Registered,
    Rejected,
    /// <summary>Accepted: the team traces responsibility back level by level.</summary>
    Investigating,
    DeterminingResponsibility,
    /// <summary>The people held responsible are heard (陈述和申辩).</summary>
    Hearing,
    DraftingSuggestion,
    /// <summary>Submitted to the managing Party committee and the discipline inspection committee.</summary>
    UnderReview,
    /// <summary>Endorsed by one reviewer; a second reviewer approves.</summary>
    AwaitingApproval,
    Declined,
    AwaitingDecision,
    /// <summary>Decided and forwarded to the cadre management department (Article 10).</summary>
    Decided,
    Closed,
}

public enum CaseTrigger
{
    Accept,
    Reject,
    CompleteTraceBack,
    ConfirmResponsibility,
    CompleteHearing,
    SubmitSuggestion,
    Endorse,
    ReturnForSupplementaryInvestigation,
    Decline,
    Approve,
    RefuseApproval,
    Decide,
    Acknowledge,
}

/// <summary>Every legal status change of a case, in one table.</summary>
public static class CaseTransitions
{
    public static readonly IReadOnlyList<(CaseStatus From, CaseTrigger Trigger, CaseStatus To)> Table =
    [
        (CaseStatus.Registered, CaseTrigger.Accept, CaseStatus.Investigating),
        (CaseStatus.Registered, CaseTrigger.Reject, CaseStatus.Rejected),
        (CaseStatus.Investigating, CaseTrigger.CompleteTraceBack, CaseStatus.DeterminingResponsibility),
        (CaseStatus.DeterminingResponsibility, CaseTrigger.ConfirmResponsibility, CaseStatus.Hearing),
        (CaseStatus.Hearing, CaseTrigger.CompleteHearing, CaseStatus.DraftingSuggestion),
        (CaseStatus.DraftingSuggestion, CaseTrigger.SubmitSuggestion, CaseStatus.UnderReview),
        (CaseStatus.UnderReview, CaseTrigger.Endorse, CaseStatus.AwaitingApproval),
        (CaseStatus.UnderReview, CaseTrigger.ReturnForSupplementaryInvestigation, CaseStatus.Investigating),
        (CaseStatus.UnderReview, CaseTrigger.Decline, CaseStatus.Declined),
        (CaseStatus.AwaitingApproval, CaseTrigger.Approve, CaseStatus.AwaitingDecision),
        (CaseStatus.AwaitingApproval, CaseTrigger.RefuseApproval, CaseStatus.UnderReview),
        (CaseStatus.AwaitingDecision, CaseTrigger.Decide, CaseStatus.Decided),
        (CaseStatus.Decided, CaseTrigger.Acknowledge, CaseStatus.Closed),
    ];

    public static CaseStatus? Target(CaseStatus from, CaseTrigger trigger) =>
        Table.Where(t => t.From == from && t.Trigger == trigger).Select(t => (CaseStatus?)t.To).FirstOrDefault();

    public static IEnumerable<CaseTrigger> AllowedFrom(CaseStatus from) => Table.Where(t => t.From == from).Select(t => t.Trigger);

    public static bool IsFinal(this CaseStatus status) => !Table.Any(t => t.From == status);
}
