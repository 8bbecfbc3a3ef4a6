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
    AccountabilityDecision? Decision, Acknowledgement? Acknowledgement);

public sealed record ChainSnapshot(Guid UnitId, CoordinationAssessment? Assessment, IReadOnlyList<LevelSnapshot> Levels,
    Organisation.AppliedLeadership? Applied = null);

public sealed record LevelSnapshot(TraceBackLevel Level, IReadOnlyList<PersonId> Subjects, LevelStatus Status, int Round,
    IReadOnlyList<Finding> Findings, IReadOnlyList<Finding> Superseded);

public sealed record ResponsibilitySnapshot(PersonId Person, TraceBackLevel? Level, ResponsibilityKind Derived, BilingualText Reason,
    Citation Citation, bool Dissented, ResponsibilityOverride? Override);
