using Investigation.Domain.Organisation;

namespace Investigation.Domain.Accountability;

/// <summary>
/// Article 9, second paragraph: accountability is implemented by the Party organisation with management
/// authority (有管理权限的党组织). A suggestion only proposes; only that organisation decides.
/// </summary>
public static class DecisionAuthority
{
    public static readonly Citation Article9Paragraph2 = Citation.OfMeasures("第九条第二款 / Article 9, paragraph 2",
        "对领导班子、领导干部进行问责，应当由有管理权限的党组织依据有关规定实施。各级网络安全和信息化领导机构办公室可以向实施问责的党委（党组）、纪委（纪检组）提出问责建议。",
        "Accountability of leadership teams and leading cadres is implemented by the Party organisation with management authority. The offices of the cybersecurity and informatization leading bodies may send accountability suggestions to the Party committees (Party groups) and discipline inspection committees that implement it.");

    /// <summary>The Party organisation with management authority over a subject.</summary>
    public static UnitId ManagingOrganisationOf(OrganisationTree organisation, AccountabilitySubject subject) => subject.Kind switch
    {
        TargetKind.Cadre => organisation.Person(new PersonId(subject.Id)).ManagingOrganisationId,
        // A unit's Party organisation answers to the committee of the region above it.
        _ => organisation.SelfAndAncestors(new UnitId(subject.Id)).Skip(1)
                 .FirstOrDefault(u => u.Kind == UnitKind.RegionalPartyCommittee)?.Id
             ?? throw new DomainException("组织体系的最高层级没有登记有管理权限的党组织。", "The root of the organisation has no managing Party organisation on record."),
    };

    public static bool MayDecide(OrganisationTree organisation, UnitId decidingOrganisation, AccountabilitySubject subject) =>
        ManagingOrganisationOf(organisation, subject) == decidingOrganisation;

    public static void EnsureMayDecide(OrganisationTree organisation, UnitId decidingOrganisation, AccountabilitySubject subject)
    {
        if (MayDecide(organisation, decidingOrganisation, subject)) return;
        var deciding = organisation.Unit(decidingOrganisation).Name;
        var managing = organisation.Unit(ManagingOrganisationOf(organisation, subject)).Name;
        throw new DomainException(
            $"{deciding}对该问责对象没有管理权限，只能由{managing}作出问责决定（《实施办法》第九条第二款）。",
            $"{deciding} has no management authority over this subject; only {managing} may decide (Measures, Article 9, paragraph 2).");
    }
}
