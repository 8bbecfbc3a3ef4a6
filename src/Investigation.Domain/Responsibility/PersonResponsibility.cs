using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Responsibility;

/// <summary>An investigator's override of a derived responsibility: always with its written reason.</summary>
public sealed record ResponsibilityOverride(ResponsibilityKind Kind, string Reason, string By, DateTimeOffset At);

/// <summary>
/// One person's responsibility: what Article 9 derives from the findings and the decision record,
/// and, next to it, an investigator's override if any. The derivation is never lost.
/// </summary>
public sealed class PersonResponsibility
{
    public PersonId Person { get; }
    public TraceBackLevel? Level { get; }
    public ResponsibilityKind Derived { get; }
    public BilingualText DerivationReason { get; }
    public Citation Citation { get; }
    /// <summary>The person took part in the collective decision and voiced dissent: for the reviewers to weigh.</summary>
    public bool Dissented { get; }
    public ResponsibilityOverride? Override { get; private set; }

    public PersonResponsibility(PersonId person, TraceBackLevel? level, ResponsibilityKind derived, BilingualText reason,
        Citation citation, bool dissented, ResponsibilityOverride? @override = null)
    {
        (Person, Level, Derived, DerivationReason, Citation, Dissented, Override) = (person, level, derived, reason, citation, dissented, @override);
    }

    public ResponsibilityKind Effective => Override?.Kind ?? Derived;
    public bool IsOverridden => Override is not null;

    public void OverrideWith(ResponsibilityKind kind, string reason, string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("调整推定的责任须书面说明理由。", "Overriding a derived responsibility needs a written reason.");
        Override = new(kind, reason.Trim(), Guard.Text(by, "调整人", "Who overrides"), at);
    }

    public void ClearOverride() => Override = null;
}
