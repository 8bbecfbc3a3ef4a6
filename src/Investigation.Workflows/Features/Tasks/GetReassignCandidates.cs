using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// Whether I may hand this open task to someone else (ReassignTask's rule: an administrator, the current
/// assignee, or the lead investigator for investigation tasks), and to whom: the users holding the task's
/// role in its unit or a unit above it, but not the one holding it now.
/// </summary>
public static class GetReassignCandidates
{
    public sealed record Query(Guid TaskId) : IRequest<Result>;

    public sealed record Candidate(string UserName, string DisplayName);

    public sealed record Result(bool CanReassign, IReadOnlyList<Candidate> Candidates);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, query.TaskId, ct);
            if (task.Status != HumanTaskStatus.Open) return new(false, []);
            var caseId = Guid.TryParse(task.CorrelationId, out var id) ? id : Guid.Empty;
            var lead = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Snapshot).FirstOrDefaultAsync(ct) is { } snapshot
                ? CaseJson.Deserialize(snapshot).Team?.Lead : null;
            var actor = access.Actor;
            var allowed = actor.IsIn(Roles.Administrator) || task.AssigneeId == actor.UserName
                          || (task.CandidateRole == Roles.Investigator && lead == actor.UserName);
            if (!allowed) return new(false, []);

            var tree = await access.OrganisationAsync(ct);
            if (!Guid.TryParse(task.UnitId, out var unit) || !tree.Contains(new UnitId(unit))) return new(false, []);
            var covering = tree.SelfAndAncestors(new UnitId(unit)).Select(u => u.Id.Value).ToList();
            var users = await (from u in db.Users
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join r in db.Roles on ur.RoleId equals r.Id
                               where r.Name == task.CandidateRole && covering.Contains(u.UnitId) && u.UserName != task.AssigneeId
                               orderby u.UserName
                               select new Candidate(u.UserName!, u.DisplayName)).ToListAsync(ct);
            return new(true, users);
        }
    }
}
