namespace Investigation.Domain.Organisation;

/// <summary>
/// A cadre or staff member. Every cadre has a managing Party organisation (有管理权限的党组织), the
/// only body that may decide accountability for them (Article 9, second paragraph). A retired person
/// (离任) stays on record: the cases that name them still read their name.
/// </summary>
public sealed record Person(PersonId Id, string Name, string Post, UnitId UnitId, UnitId ManagingOrganisationId)
{
    public bool Retired { get; init; }
}
