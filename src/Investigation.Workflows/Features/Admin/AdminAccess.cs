using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>A unit an administrator may choose: their own unit or one below it, with its depth for indenting.</summary>
public sealed record UnitOption(Guid Id, string Name, int Depth);

/// <summary>
/// What an administrator may manage: the users and units of their own unit and of the units below it.
/// A user elsewhere is answered as not found, as everything out of sight is in this application.
/// </summary>
internal static class AdminAccess
{
    public static async Task<AppUser> ManagedUserAsync(this Access access, UserManager<AppUser> users, string userId, CancellationToken ct)
    {
        access.RequireRole(Roles.Administrator);
        var user = await users.FindByIdAsync(userId);
        if (user is null || !await access.CanSeeUnitAsync(user.UnitId, ct)) throw new NotFoundException("该用户", "The user");
        return user;
    }

    public static async Task RequireManagedUnitAsync(this Access access, Guid unitId, string field, CancellationToken ct)
    {
        if (!await access.CanSeeUnitAsync(unitId, ct))
            throw Say.Invalid(field, "请选择您管辖的单位：本单位或其下级单位。", "Choose one of your units: your own or one below it.");
    }

    /// <summary>The actor's unit and every unit below it, parents before children.</summary>
    public static async Task<IReadOnlyList<UnitOption>> ManagedUnitsAsync(this Access access, CancellationToken ct)
    {
        var tree = await access.OrganisationAsync(ct);
        return tree.Contains(access.Actor.UnitId) ? DepthFirst(tree, tree.Unit(access.Actor.UnitId), 0).ToList() : [];
    }

    /// <summary>
    /// The units that may be a person's managing Party organisation: those above the actor's unit (a
    /// cadre is often managed by the committee above their unit) and the actor's own units.
    /// </summary>
    public static async Task<IReadOnlyList<UnitOption>> ManagingOrganisationsAsync(this Access access, CancellationToken ct)
    {
        var tree = await access.OrganisationAsync(ct);
        if (!tree.Contains(access.Actor.UnitId)) return [];
        var above = tree.SelfAndAncestors(access.Actor.UnitId).Skip(1).Reverse().Select((u, depth) => new UnitOption(u.Id.Value, u.Name, depth)).ToList();
        return above.Concat(DepthFirst(tree, tree.Unit(access.Actor.UnitId), above.Count)).ToList();
    }

    private static IEnumerable<UnitOption> DepthFirst(OrganisationTree tree, Unit unit, int depth) =>
        ChildrenInOrder(tree, unit.Id).SelectMany(c => DepthFirst(tree, c, depth + 1)).Prepend(new UnitOption(unit.Id.Value, unit.Name, depth));

    /// <summary>
    /// A unit's children in the order people read an organisation chart (the tree itself keeps no
    /// order): the region's departments, then the units it supervises, then the regions below.
    /// </summary>
    public static IEnumerable<Unit> ChildrenInOrder(OrganisationTree tree, UnitId id) =>
        tree.ChildrenOf(id).OrderBy(u => u.Kind switch
        {
            UnitKind.CyberspaceAffairsOffice => 0,
            UnitKind.DisciplineInspectionCommittee => 1,
            UnitKind.CadreManagementDepartment => 2,
            UnitKind.IndustryRegulator => 3,
            UnitKind.RegionalPartyCommittee => 5,
            _ => 4,
        }).ThenBy(u => u.Name, StringComparer.Ordinal);
}
