namespace Investigation.Domain.Organisation;

/// <summary>
/// The leadership team (领导班子) of a unit's Party committee or group: the main person in charge
/// (第一责任人), the member in charge of cybersecurity (直接责任人) and the other members (Article 2).
/// One person may be both main lead and security lead in a small unit.
/// </summary>
public sealed record LeadershipTeam
{
    public PersonId MainLead { get; }
    public PersonId SecurityLead { get; }
    public IReadOnlyList<PersonId> OtherMembers { get; }

    public LeadershipTeam(PersonId mainLead, PersonId securityLead, IEnumerable<PersonId>? otherMembers = null)
    {
        var others = (otherMembers ?? []).ToList();
        if (others.Contains(mainLead) || others.Contains(securityLead))
            throw new DomainException("主要负责人和主管网络安全的领导班子成员不再重复列入其他成员。", "The main person in charge and the member in charge of cybersecurity are not listed again among the other members.");
        if (others.Distinct().Count() != others.Count)
            throw new DomainException("领导班子中有成员被重复列入。", "A member is listed twice in the leadership team.");
        MainLead = mainLead;
        SecurityLead = securityLead;
        OtherMembers = others;
    }

    public IEnumerable<PersonId> Members => new[] { MainLead, SecurityLead }.Distinct().Concat(OtherMembers);

    public bool Includes(PersonId person) => Members.Contains(person);
}
