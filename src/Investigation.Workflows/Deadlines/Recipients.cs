using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Deadlines;

/// <summary>Who is told when a deadline bites: the people who do the task, and the people above them.</summary>
public sealed class Recipients(InvestigationDbContext db, OrganisationStore organisation)
{
    // Scoped: a batch of timers fired in one step asks the same questions many times.
    private readonly Dictionary<(string Role, UnitId From, string? Except), (UnitId Unit, IReadOnlyList<string> Users)?> nearest = [];

    /// <summary>
    /// The assignee; for an unclaimed task, the case's investigation team (investigation tasks) or
    /// the holders of the task's role nearest the task's unit (the ones who see it in their inbox).
    /// </summary>
    public async Task<IReadOnlyList<string>> DoersAsync(HumanTask task, CancellationToken ct)
    {
        if (task.AssigneeId is { } assignee) return [assignee];
        if (task.CandidateRole == Roles.Investigator && await TeamAsync(task, ct) is { } team) return team.Members;
        return Guid.TryParse(task.UnitId, out var unit) ? (await NearestAsync(task.CandidateRole, new UnitId(unit), ct))?.Users ?? [] : [];
    }

    /// <summary>
    /// Who supervises the task: level 1, the configured supervisor of the kind (the case's lead
    /// investigator, or a role nearest the task's unit); level 2, the same role one unit further up
    /// (the default supervisor above the lead's unit, for the lead). Whoever is found, the assignee is
    /// not told about their own task as its supervisor; where nobody is found, the default supervisor is.
    /// </summary>
    public async Task<IReadOnlyList<string>> SupervisorsAsync(HumanTask task, int level, TaskDeadlines deadlines, CancellationToken ct)
    {
        if (!Guid.TryParse(task.UnitId, out var unitGuid)) return [];
        var unit = new UnitId(unitGuid);
        var supervisor = deadlines.SupervisorFor(task.Kind);
        var fallback = deadlines.DefaultSupervisor;

        // Level 1, and where level 2 starts looking: one unit above where level 1 was found.
        (UnitId Unit, IReadOnlyList<string> Users)? first = null;
        var role = supervisor;
        if (supervisor == TaskDeadlines.LeadInvestigator)
        {
            role = fallback;
            var lead = (await TeamAsync(task, ct))?.Lead;
            if (lead is not null && lead != task.AssigneeId
                && await db.Users.AsNoTracking().Where(u => u.UserName == lead).Select(u => (Guid?)u.UnitId).FirstOrDefaultAsync(ct) is { } leadUnit)
                first = (new UnitId(leadUnit), [lead]);
        }
        first ??= await NearestAsync(role, unit, ct, except: task.AssigneeId);
        first ??= await NearestAsync(fallback, unit, ct, except: task.AssigneeId);
        if (level <= 1) return first?.Users ?? [];

        var tree = await organisation.GetAsync(db, ct);
        var above = first is { } f && tree.Contains(f.Unit) && tree.Unit(f.Unit).ParentId is { } parent ? parent : (UnitId?)null;
        var second = above is { } start
            ? await NearestAsync(role, start, ct, except: task.AssigneeId) ?? await NearestAsync(fallback, start, ct, except: task.AssigneeId)
            : null;
        // Nobody above (the top of the tree): the default supervisor nearest the task is the last resort.
        second ??= await NearestAsync(fallback, unit, ct, except: task.AssigneeId);
        return second?.Users ?? [];
    }

    /// <summary>The holders of a role in the nearest unit, from <paramref name="from"/> upwards, that has any.</summary>
    public async Task<(UnitId Unit, IReadOnlyList<string> Users)?> NearestAsync(string role, UnitId from, CancellationToken ct, string? except = null)
    {
        if (nearest.TryGetValue((role, from, except), out var known)) return known;
        return nearest[(role, from, except)] = await FindNearestAsync(role, from, except, ct);
    }

    private async Task<(UnitId Unit, IReadOnlyList<string> Users)?> FindNearestAsync(string role, UnitId from, string? except, CancellationToken ct)
    {
        var tree = await organisation.GetAsync(db, ct);
        if (!tree.Contains(from)) return null;
        var path = tree.SelfAndAncestors(from).Select(u => u.Id.Value).ToList();
        var holders = await (from u in db.Users.AsNoTracking()
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == role && path.Contains(u.UnitId) && u.UserName != except
                             select new { u.UserName, u.UnitId }).ToListAsync(ct);
        foreach (var unit in path)
        {
            var here = holders.Where(h => h.UnitId == unit).Select(h => h.UserName!).Order(StringComparer.Ordinal).ToList();
            if (here.Count > 0) return (new UnitId(unit), here);
        }
        return null;
    }

    private async Task<InvestigationTeam?> TeamAsync(HumanTask task, CancellationToken ct)
    {
        if (!Guid.TryParse(task.CorrelationId, out var caseId)) return null;
        var snapshot = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Snapshot).FirstOrDefaultAsync(ct);
        return snapshot is null ? null : CaseJson.Deserialize(snapshot).Team;
    }
}
