using Investigation.Domain.Organisation;
using Investigation.Workflows.Identity;
using MediatR;
using Unit = Investigation.Domain.Organisation.Unit;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// What the registration form offers a case officer: the units an incident can be registered for, which
/// are their own unit and the units below it, in the order of the organisation tree.
/// </summary>
public static class GetRegistrationChoices
{
    public sealed record Query : IRequest<Result>;

    /// <param name="Depth">How far below the officer's own unit, for indenting the chooser.</param>
    public sealed record UnitChoice(Guid Id, string Name, UnitKind Kind, AdministrativeLevel Level, int Depth);

    public sealed record Result(IReadOnlyList<UnitChoice> Units);

    public sealed class Handler(Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.CaseOfficer);
            var tree = await access.OrganisationAsync(ct);
            if (!tree.Contains(access.Actor.UnitId)) return new([]);
            var units = new List<UnitChoice>();
            void Walk(Unit unit, int depth)
            {
                units.Add(new(unit.Id.Value, unit.Name, unit.Kind, unit.Level, depth));
                // A region's own units first, by kind and name; the regions below it after them.
                foreach (var child in tree.ChildrenOf(unit.Id).OrderBy(u => u.Kind == UnitKind.RegionalPartyCommittee).ThenBy(u => u.Kind).ThenBy(u => u.Name, StringComparer.Ordinal))
                    Walk(child, depth + 1);
            }
            Walk(tree.Unit(access.Actor.UnitId), 0);
            return new(units);
        }
    }
}
