using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// "A task waits for you": each task a step created is told to the person it is assigned to, or else to
/// everyone who may take it (its role, in its unit or a unit above it; for investigation tasks, the
/// case's team). Written in the step's transaction, like every notification, so a step that rolls back
/// tells no one. The person whose step it was is not told of their own next task's existence twice:
/// they are looking at it.
/// </summary>
public sealed class NewTaskNotifications(InvestigationDbContext db, Notifier notifier, CaseSession session, CurrentActor actor) : IBeforeCommit
{
    public async Task BeforeCommitAsync(CancellationToken ct)
    {
        // The runtime adds the step's tasks to the tracker; reading them there needs no second DetectChanges.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<HumanTask> created;
        try
        {
            created = db.ChangeTracker.Entries<HumanTask>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (created.Count == 0) return;

        var me = actor.IsSet ? actor.Actor.UserName : null;
        var team = session.TryGetCase()?.Team is { } t ? new HashSet<string>([t.Lead, .. t.Members], StringComparer.Ordinal) : null;
        var tree = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        var roles = created.Where(c => c.AssigneeId is null).Select(c => c.CandidateRole).Distinct().ToList();
        var holders = roles.Count == 0 ? [] : await (from u in db.Users
                                                     join ur in db.UserRoles on u.Id equals ur.UserId
                                                     join r in db.Roles on ur.RoleId equals r.Id
                                                     where roles.Contains(r.Name!) && u.LockoutEnd == null
                                                     select new { u.UserName, u.UnitId, Role = r.Name }).ToListAsync(ct);
        foreach (var task in created)
        {
            IEnumerable<string> recipients;
            if (task.AssigneeId is { } assignee) recipients = [assignee];
            else
            {
                var covering = Guid.TryParse(task.UnitId, out var unit) ? Covering(unit, tree) : [];
                recipients = holders.Where(h => h.Role == task.CandidateRole && covering.Contains(h.UnitId)).Select(h => h.UserName!)
                    .Where(u => task.CandidateRole != Roles.Investigator || team is null || team.Contains(u));
            }
            var (kind, number) = (TaskKinds.NameOf(task), TaskKinds.CaseNumberOf(task));
            await notifier.NotifyAsync(recipients.Where(r => r != me), new Message(NotificationKind.TaskWaiting,
                new($"新任务：{kind.Zh}（{number}）", $"New task: {kind.En} ({number})"),
                new($"一项任务等待您办理：{kind.Zh}，案件 {number}。", $"A task waits for you: {kind.En}, case {number}."),
                $"/Tasks/Complete/{task.Id}")
            {
                TaskId = task.Id,
                CaseId = Guid.TryParse(task.CorrelationId, out var caseId) ? caseId : null,
            }, ct);
        }
    }

    private static HashSet<Guid> Covering(Guid unit, Dictionary<Guid, Guid?> parents)
    {
        var set = new HashSet<Guid>();
        for (Guid? at = unit; at is { } u && set.Add(u); at = parents.GetValueOrDefault(u)) { }
        return set;
    }
}
