namespace Investigation.Domain.Responsibility;

/// <summary>
/// The record of the decision at fault: whether the leadership team took it collectively, who took
/// part, and who voiced dissent. Dissent is recorded for the reviewers to weigh; it does not by
/// itself exempt a member.
/// </summary>
public sealed record DecisionRecord
{
    public bool Collective { get; }
    public IReadOnlyList<PersonId> Participants { get; }
    public IReadOnlyList<PersonId> Dissenters { get; }
    public string Description { get; }

    public DecisionRecord(bool collective, IReadOnlyList<PersonId> participants, IReadOnlyList<PersonId> dissenters, string description)
    {
        Collective = collective;
        Participants = participants.Distinct().ToList();
        Dissenters = dissenters.Distinct().ToList();
        Description = Guard.Text(description, "决策的描述", "A description of the decision");
        if (collective && Participants.Count == 0)
            throw new DomainException("集体决策须列明参与决策的成员。", "A collective decision needs the members who took part in it.");
        if (Dissenters.Except(Participants).Any())
            throw new DomainException("只有参与决策的成员才可能提出过不同意见。", "Only a member who took part in the decision can have dissented from it.");
        if (!collective && Dissenters.Count > 0)
            throw new DomainException("只有集体决策才记录不同意见。", "Dissent is recorded only for a collective decision.");
    }

    /// <summary>No collective decision is at fault: each person answers for their own conduct.</summary>
    public static DecisionRecord Individual(string description) => new(false, [], [], description);
}
