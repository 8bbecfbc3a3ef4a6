using Investigation.Domain.Incidents;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Cases;

/// <summary>
/// The stored state of a case, as plain records: what persistence writes and reads back. Derivable
/// state (the Article 8 evaluation) is not part of it.
/// </summary>
public sealed record CaseSnapshot(
    Guid Id, string Number, Guid UnitId, string Title, string Description, DateTimeOffset OccurredAt,
    IReadOnlyList<CircumstanceFacts> Facts, IReadOnlyList<Article3Duty> DutiesFailed, IReadOnlyList<string> Evidence,
    string RegisteredBy, DateTimeOffset RegisteredAt, CaseStatus Status, InvestigationTeam? Team, string? RejectionReason,
    ChainSnapshot? Chain, DecisionRecord? DecisionAtFault, IReadOnlyList<ResponsibilitySnapshot> Responsibilities,
    IReadOnlyList<Statement> Statements, AccountabilitySuggestion? Suggestion, IReadOnlyList<Review> Reviews,
    AccountabilityDecision? Decision, Acknowledgement? Acknowledgement, IReadOnlyList<InvestigationRound>? Rounds = null, InvestigationReport? Report = null,
    ExecutionSnapshot? Execution = null);

/// <summary>What happened after the decision: its delivery, the organisational adjustment, appeals, decisions an appeal changed.</summary>
public sealed record ExecutionSnapshot(DecisionDelivery? Delivery, AdjustmentCompletion? Adjustment, IReadOnlyList<Appeal> Appeals,
    IReadOnlyList<AccountabilityDecision> EarlierDecisions);

/// <summary>
/// A round of the investigation closed by a return for supplementary investigation: its decision at fault,
/// responsibility table, statements, suggestion and the reviews that ended it, kept as they stood.
/// </summary>
public sealed record InvestigationRound(int Number, DecisionRecord? DecisionAtFault, IReadOnlyList<ResponsibilitySnapshot> Responsibilities,
    IReadOnlyList<Statement> Statements, AccountabilitySuggestion? Suggestion, IReadOnlyList<Review> Reviews,
    IReadOnlyList<TraceBackLevel> ReturnedLevels, DateTimeOffset ClosedAt, InvestigationReport? Report = null);

public sealed record ChainSnapshot(Guid UnitId, CoordinationAssessment? Assessment, IReadOnlyList<LevelSnapshot> Levels,
    Organisation.AppliedLeadership? Applied = null);

public sealed record LevelSnapshot(TraceBackLevel Level, IReadOnlyList<PersonId> Subjects, LevelStatus Status, int Round,
    IReadOnlyList<Finding> Findings, IReadOnlyList<Finding> Superseded);

public sealed record ResponsibilitySnapshot(PersonId Person, TraceBackLevel? Level, ResponsibilityKind Derived, BilingualText Reason,
    Citation Citation, bool Dissented, ResponsibilityOverride? Override);
