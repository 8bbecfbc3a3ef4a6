using Investigation.Domain.Accountability;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Cases;

/// <summary>The investigation team: at least two members, one of them the lead.</summary>
public sealed record InvestigationTeam
{
    public const int MinimumMembers = 2;

    public string Lead { get; }
    public IReadOnlyList<string> Members { get; }

    public InvestigationTeam(string lead, IReadOnlyList<string> members)
    {
        Lead = Guard.Text(lead, "调查组组长", "The lead investigator");
        Members = members.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Append(Lead).Distinct().ToList();
        if (Members.Count < MinimumMembers)
            throw new DomainException($"调查组至少由{MinimumMembers}人组成（《问责条例》第十条：启动问责调查后应当组成调查组，《释义》：不能少于2人）。", $"An investigation team has at least {MinimumMembers} members (Accountability Regulations, Article 10: an investigation team is formed; its Interpretation: of no fewer than 2).");
    }

    public bool Includes(string user) => Members.Contains(user);
}

/// <summary>The statement and defence (陈述和申辩) of a person held responsible, or their refusal to make one.</summary>
public sealed record Statement(PersonId Person, string Text, string? Defence, bool Declined, string RecordedBy, DateTimeOffset At);

public enum ReviewOutcome
{
    Endorsed,
    Returned,
    Declined,
    Approved,
    ApprovalRefused,
}

/// <summary>One discipline inspection review step.</summary>
public sealed record Review(ReviewOutcome Outcome, string Reviewer, string? Reason, IReadOnlyList<TraceBackLevel> ReturnedLevels, DateTimeOffset At);

/// <summary>The cyberspace affairs office's suggestion: proposed measures, sent to the committees that implement accountability.</summary>
public sealed record AccountabilitySuggestion(IReadOnlyList<Measure> Proposals, string DraftedBy, DateTimeOffset DraftedAt, DateTimeOffset? SubmittedAt)
{
    public bool Submitted => SubmittedAt is not null;
}

/// <summary>The decision of the managing Party organisation: the measures decided, when, and its announcement.</summary>
public sealed record AccountabilityDecision(UnitId DecidedBy, IReadOnlyList<Measure> Measures, DateOnly DecidedOn, string Announcement, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>Grounds of no accountability, exemption, lighter or heavier handling (Articles 17–19); none on decisions recorded before they were kept.</summary>
    public IReadOnlyList<DecisionGround> Grounds { get; init; } = [];
}

/// <summary>The cadre management department's acknowledgement of the forwarded result (Article 10).</summary>
public sealed record Acknowledgement(string By, string? Note, DateTimeOffset At);

/// <summary>
/// The investigation team's report: the facts it found and its conclusion, and the collective discussion that
/// adopted it (who took part, what they concluded). Written after the hearing, before the suggestion
/// (Accountability Regulations, Article 11: 调查组应当集体讨论，形成调查报告).
/// </summary>
public sealed record InvestigationReport(string Facts, string Conclusion, IReadOnlyList<string> Participants, string DiscussionConclusion,
    DateOnly DiscussedOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public const int MaxTextLength = 20_000;
}

/// <summary>The delivery (送达) of the 问责决定书 to the subjects and their organisations; the time limits run from its date.</summary>
public sealed record DecisionDelivery(DateOnly DeliveredOn, string Recipients, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The organisation department's report that the formalities of organisational adjustment or handling are done.</summary>
public sealed record AdjustmentCompletion(DateOnly CompletedOn, string Note, string RecordedBy, DateTimeOffset RecordedAt);

public enum AppealStatus
{
    /// <summary>In time, awaiting the deciding organisation's answer.</summary>
    Pending,
    /// <summary>Lodged after the last day: refused, with the reason.</summary>
    RefusedAsLate,
    /// <summary>The decision stands.</summary>
    Upheld,
    /// <summary>The decision was changed for the appellant; the decision before is kept in the history.</summary>
    Changed,
}

/// <summary>A written appeal against the decision (Accountability Regulations, Article 20) and what became of it.</summary>
public sealed record Appeal(int Number, AccountabilitySubject Appellant, DateOnly LodgedOn, string Grounds, AppealStatus Status,
    DateOnly LastDay, string? Answer, DateOnly? DecidedOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public const int MaxTextLength = 20_000;

    /// <summary>The last day on which the deciding organisation answers an appeal in time.</summary>
    public DateOnly AnswerLastDay => TimeLimits.LastDayOfOneMonth(LodgedOn);
}
