using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using MediatR;
using Unit = Investigation.Domain.Organisation.Unit;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// The organisation an administrator manages: their unit (or one below it) and every unit below,
/// with kind, level, industry, people and leadership team.
/// </summary>
public static class GetOrganisation
{
    /// <param name="UnitId">The unit to start from; the administrator's own unit when not given.</param>
    public sealed record Query(Guid? UnitId = null) : IRequest<Result>;

    public sealed record PersonItem(Guid Id, string Name, string Post, Guid ManagingOrganisationId, string ManagingOrganisationName, bool Retired = false);

    /// <param name="MainLead">第一责任人, the main person in charge.</param>
    /// <param name="SecurityLead">直接责任人, the member in charge of cybersecurity.</param>
    public sealed record Team(PersonItem MainLead, PersonItem SecurityLead, IReadOnlyList<PersonItem> OtherMembers);

    public sealed record UnitNode(Guid Id, string Name, UnitKind Kind, AdministrativeLevel Level, string? Industry,
        Team? Leadership, IReadOnlyList<PersonItem> People, IReadOnlyList<UnitNode> Children,
        Guid? ParentId = null, bool Retired = false, Guid? RegulatorId = null, string? RegulatorName = null, IReadOnlyList<Post>? History = null);

    /// <summary>A post on the leadership team, from a day to a day (null From: no date on record; null To: still held).</summary>
    public sealed record Post(string Person, LeadershipRole Role, DateOnly? From, DateOnly? To);

    /// <param name="Units">The units the administrator may add units and people to.</param>
    /// <param name="ManagingOrganisations">The units that may be a new person's managing Party organisation.</param>
    public sealed record Result(UnitNode Root, IReadOnlyList<UnitOption> Units, IReadOnlyList<UnitOption> ManagingOrganisations);

    public sealed class Handler(Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var start = query.UnitId ?? access.Actor.UnitId.Value;
            if (!await access.CanSeeUnitAsync(start, ct)) throw new NotFoundException("该单位", "The unit");
            var tree = await access.OrganisationAsync(ct);
            var people = tree.People.ToLookup(p => p.UnitId);
            PersonItem Item(PersonId id)
            {
                var p = tree.Person(id);
                return new(p.Id.Value, p.Name, p.Post, p.ManagingOrganisationId.Value, tree.Unit(p.ManagingOrganisationId).Name, p.Retired);
            }
            UnitNode Node(Unit u) => new(u.Id.Value, u.Name, u.Kind, u.Level, u.Industry,
                u.Leadership is { } t ? new Team(Item(t.MainLead), Item(t.SecurityLead), t.OtherMembers.Select(Item).ToList()) : null,
                // The leadership team first, in its order, then everyone else by name.
                people[u.Id].OrderBy(p => u.Leadership?.Members.ToList().IndexOf(p.Id) is >= 0 and var rank ? rank : int.MaxValue)
                    .ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => Item(p.Id)).ToList(),
                AdminAccess.ChildrenInOrder(tree, u.Id).Select(Node).ToList(),
                u.ParentId?.Value, u.Retired, u.RegulatorId?.Value, u.RegulatorId is { } r ? tree.Unit(r).Name : null,
                u.Appointments.OrderByDescending(a => a.From).ThenBy(a => a.Role)
                    .Select(a => new Post(tree.Person(a.Person).Name, a.Role, a.From == Appointment.Always ? null : a.From, a.To)).ToList());
            return new(Node(tree.Unit(new UnitId(start))), await access.ManagedUnitsAsync(ct), await access.ManagingOrganisationsAsync(ct));
        }
    }
}
