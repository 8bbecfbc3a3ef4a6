using FluentValidation;
using FluentValidation.Results;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Pipeline;
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

    /// <summary>The roles of the user, in the application's order.</summary>
    public static async Task<IReadOnlyList<string>> RolesOfAsync(this UserManager<AppUser> users, AppUser user)
    {
        var held = await users.GetRolesAsync(user);
        return Roles.All.Where(held.Contains).ToList();
    }

    /// <summary>
    /// Identity's refusals as the application's: password and user-name problems as field messages,
    /// a concurrent change as a conflict, anything else as a broken rule.
    /// </summary>
    public static void ThrowIfFailed(this IdentityResult result, string passwordField = "Password")
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new ConflictException("其他人同时修改了该用户，且先于您保存。您的修改均未保存：请刷新后重试。",
                "Someone else changed this user at the same moment, and their change came first. Nothing of yours was saved: reload and try again.");
        var fields = result.Errors.Select(e => (Field: FieldOf(e.Code, passwordField), e.Description)).ToList();
        if (fields.All(f => f.Field.Length > 0))
            throw new ValidationException(fields.Select(f => new ValidationFailure(f.Field, f.Description)));
        // Identity's own descriptions are in English only (no Chinese IdentityErrorDescriber yet): both texts are that one.
        var said = string.Join(" ", result.Errors.Select(e => e.Description));
        throw new DomainException(said, said);
    }

    private static string FieldOf(string code, string passwordField) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
        : code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) ? "UserName"
        : "";

    /// <summary>
    /// The password policy (IdentitySetup.Configure) as field messages, checked before anything is
    /// written. Identity checks it again when it sets the password.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string> MeetsPasswordPolicy<T>(this IRuleBuilder<T, string> rule, UserManager<AppUser> users) =>
        rule.CustomAsync(async (password, context, _) =>
        {
            var errors = new List<string>();
            foreach (var validator in users.PasswordValidators)
                errors.AddRange((await validator.ValidateAsync(users, new AppUser(), password ?? "")).Errors.Select(e => e.Description));
            // One message with every unmet requirement: a form shows a field's first message only.
            if (errors.Count > 0) context.AddFailure(string.Join(" ", errors));
        });
}
