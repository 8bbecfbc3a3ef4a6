using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features;

/// <summary>
/// Who may see what: a user sees the cases and tasks of their unit and of the units below it.
/// Anything else is answered exactly as if it did not exist.
/// </summary>
public sealed class Access(InvestigationDbContext db, CurrentActor current, OrganisationStore organisation) : IAfterCommit
{
    public Actor Actor => current.Actor;

    public Task<OrganisationTree> OrganisationAsync(CancellationToken ct) => organisation.GetAsync(db, ct);

    public async Task<bool> CanSeeUnitAsync(Guid unitId, CancellationToken ct)
    {
        var tree = await OrganisationAsync(ct);
        var unit = new UnitId(unitId);
        return tree.Contains(unit) && tree.Contains(Actor.UnitId) && tree.IsWithin(unit, Actor.UnitId);
    }

    /// <summary>The ids of the actor's unit and every unit below it, as stored in task rows.</summary>
    public async Task<List<string>> VisibleUnitKeysAsync(CancellationToken ct)
    {
        var tree = await OrganisationAsync(ct);
        return tree.Contains(Actor.UnitId) ? tree.Subtree(Actor.UnitId).Select(u => u.Id.ToString()).ToList() : [];
    }

    // The case row last read for reading only, kept for the rest of the request: the case page's four
    // queries each read it, and read it the same. Forgotten when a command commits (TransactionBehavior).
    private CaseRecord? readOnly;

    /// <summary>The case row, if the actor may see it; otherwise "not found".</summary>
    public async Task<CaseRecord> CaseAsync(Guid caseId, CancellationToken ct, bool tracking = true)
    {
        if (!tracking && readOnly is { } known && known.Id == caseId) return known;
        var record = await (tracking ? CaseById : CaseByIdReadOnly)(db, caseId, ct);
        if (record is null || !await CanSeeUnitAsync(record.UnitId, ct)) throw new NotFoundException("案件", "The case");
        if (!tracking) readOnly = record;
        return record;
    }

    // Compiled once (docs/architecture.md, "Compiled queries"): every request about a case reads its row.
    private static readonly Func<InvestigationDbContext, Guid, CancellationToken, Task<CaseRecord?>> CaseById =
        EF.CompileAsyncQuery((InvestigationDbContext db, Guid id, CancellationToken ct) => db.Cases.FirstOrDefault(c => c.Id == id));
    private static readonly Func<InvestigationDbContext, Guid, CancellationToken, Task<CaseRecord?>> CaseByIdReadOnly =
        EF.CompileAsyncQuery((InvestigationDbContext db, Guid id, CancellationToken ct) => db.Cases.AsNoTracking().FirstOrDefault(c => c.Id == id));

    /// <summary>After a commit the case may have changed: the next read goes to the database.</summary>
    public void AfterCommit() => readOnly = null;

    public void RequireRole(params string[] roles)
    {
        if (!Actor.IsInAny(roles))
            throw new ForbiddenException($"此操作需要以下角色之一：{string.Join("、", roles.Select(r => Roles.Name(r).Zh))}。",
                $"This needs the role {string.Join(" or ", roles)}.");
    }
}
