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

/// <summary>Statuses and triggers as people read them, for the rules' messages and the pages.</summary>
public static class CaseStatusText
{
    public static BilingualText Name(this CaseStatus status) => status switch
    {
        CaseStatus.Registered => new("已登记", "registered"),
        CaseStatus.Rejected => new("不予受理", "rejected"),
        CaseStatus.Investigating => new("倒查中", "investigating"),
        CaseStatus.DeterminingResponsibility => new("责任认定中", "determining responsibility"),
        CaseStatus.Hearing => new("陈述和申辩", "hearing"),
        CaseStatus.DraftingSuggestion => new("起草问责建议", "drafting the suggestion"),
        CaseStatus.UnderReview => new("纪检审核中", "under review"),
        CaseStatus.AwaitingApproval => new("待审核批准", "awaiting approval"),
        CaseStatus.Declined => new("不予问责", "declined"),
        CaseStatus.AwaitingDecision => new("待作出问责决定", "awaiting decision"),
        CaseStatus.Decided => new("已决定，待干部主管部门接收", "decided, awaiting acknowledgement"),
        CaseStatus.Closed => new("已结案", "closed"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Name(this CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Accept => new("受理", "accept"),
        CaseTrigger.Reject => new("不予受理", "reject"),
        CaseTrigger.CompleteTraceBack => new("完成逐级倒查", "complete the trace-back"),
        CaseTrigger.ConfirmResponsibility => new("确认责任认定", "confirm responsibility"),
        CaseTrigger.CompleteHearing => new("完成陈述和申辩", "complete the hearing"),
        CaseTrigger.SubmitSuggestion => new("提交问责建议", "submit the suggestion"),
        CaseTrigger.Endorse => new("审核同意", "endorse"),
        CaseTrigger.ReturnForSupplementaryInvestigation => new("退回补充调查", "return for supplementary investigation"),
        CaseTrigger.Decline => new("不予问责", "decline"),
        CaseTrigger.Approve => new("批准", "approve"),
        CaseTrigger.RefuseApproval => new("不予批准", "refuse approval"),
        CaseTrigger.Decide => new("作出问责决定", "decide"),
        CaseTrigger.Acknowledge => new("接收问责决定", "acknowledge"),
        _ => new(trigger.ToString(), trigger.ToString()),
    };
}
