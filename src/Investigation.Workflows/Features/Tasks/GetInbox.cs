using Investigation.Domain.Incidents;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The inbox: open tasks assigned to me, and unassigned tasks of my roles in my unit and the units
/// below it that I can claim. Overdue first, then by due date; filters and paging. Every query
/// reads only open tasks through an index, so it stays flat as history grows. Overdue tasks escalated
/// to me (I supervise them: Deadlines/) come before all of these, even when they are not mine to do.
/// </summary>
public static class GetInbox
{
    public enum Show { All, Mine, Claimable }

    public sealed record Query(
        Show Scope = Show.All,
        string? Kind = null,
        Circumstance? Circumstance = null,
        Guid? CaseId = null,
        DateTimeOffset? DueBefore = null,
        int Page = 1,
        int PageSize = 25) : IRequest<Result>;

    public sealed record Item(Guid TaskId, string Kind, string Title, Guid CaseId, string CaseNumber, string CaseTitle,
        string CandidateRole, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue, bool DueSoon, int Priority,
        bool Escalated = false);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Overdue, int DueSoon, int Page, int PageSize);

    /// <summary>A task is "due soon" in its last day.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(1);

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            // Several queries in a row: one open for all of them, since on SQLite an open costs about as much as a query.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                return await ReadAsync(query, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private async Task<Result> ReadAsync(Query query, CancellationToken ct)
        {
            var actor = access.Actor;
            var now = clock.GetUtcNow();
            var soon = now + DueSoonWindow;
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var page = Math.Max(1, query.Page);
            var units = await access.VisibleUnitKeysAsync(ct);
            var roles = actor.Roles.ToList();

            // One pass over the open tasks (a partial index: as many rows as work in progress, however long the
            // history), rather than a union per scope. The lists go in as one JSON parameter each (EF.Parameter),
            // so the SQL is the same for every user and is made once.
            var me = actor.UserName;
            var (includeMine, includeClaimable, includeEscalated) = (query.Scope != Show.Claimable, query.Scope != Show.Mine, query.Scope == Show.All);
            var escalations = db.Notifications.Where(n => n.Kind == NotificationKind.Escalation || n.Kind == NotificationKind.SecondEscalation);
            var tasks = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && EF.Parameter(units).Contains(t.UnitId) && (
                (includeMine && t.AssigneeId == me)
                || (includeClaimable && t.AssigneeId == null && EF.Parameter(roles).Contains(t.CandidateRole))
                // Overdue tasks escalated to me: a changed due date clears the overdue mark, and with it this.
                || (includeEscalated && t.OverdueAt != null && escalations.Any(n => n.TaskId == t.Id && n.Recipient == me))));
            if (query.Kind is { } kind) tasks = tasks.Where(t => t.Kind == kind);
            if (query.CaseId is { } caseId) { var key = caseId.ToString(); tasks = tasks.Where(t => t.CorrelationId == key); }
            if (query.DueBefore is { } before) tasks = tasks.Where(t => t.DueAt != null && t.DueAt <= before);
            if (query.Circumstance is { } circumstance)
            {
                var pattern = CaseRecord.CircumstanceFilter(circumstance);
                var caseKeys = (await db.Cases.AsNoTracking().Where(c => EF.Functions.Like(c.CircumstancesMet, pattern)).Select(c => c.Id).ToListAsync(ct))
                    .Select(id => id.ToString()).ToList();
                tasks = tasks.Where(t => EF.Parameter(caseKeys).Contains(t.CorrelationId!));
            }

            // The three counts in one pass over the same rows, rather than three queries.
            var counts = await tasks.GroupBy(_ => 1).Select(g => new
            {
                Total = g.Count(),
                Overdue = g.Count(t => t.DueAt != null && t.DueAt < now),
                DueSoon = g.Count(t => t.DueAt != null && t.DueAt >= now && t.DueAt < soon),
            }).SingleOrDefaultAsync(ct);
            // Ordered by due date, overdue ones come first by themselves; tasks without a due date come last.
            var rows = await tasks
                .Select(t => new
                {
                    t.Id, t.Kind, t.Title, t.CorrelationId, t.CandidateRole, t.AssigneeId, t.CreatedAt, t.DueAt, t.Priority,
                    Escalated = includeEscalated && t.OverdueAt != null && escalations.Any(n => n.TaskId == t.Id && n.Recipient == me),
                })
                .OrderByDescending(t => t.Escalated).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenByDescending(t => t.Priority).ThenBy(t => t.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .ToListAsync(ct);

            var caseIds = rows.Select(r => Guid.TryParse(r.CorrelationId, out var g) ? g : Guid.Empty).Distinct().ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => EF.Parameter(caseIds).Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Title }).ToDictionaryAsync(c => c.Id, ct);
            var items = rows.Select(t =>
            {
                var cid = Guid.TryParse(t.CorrelationId, out var g) ? g : Guid.Empty;
                var c = cases.GetValueOrDefault(cid);
                return new Item(t.Id, t.Kind, t.Title, cid, c?.Number ?? "", c?.Title ?? "", t.CandidateRole, t.AssigneeId, t.CreatedAt, t.DueAt,
                    t.DueAt < now, t.DueAt >= now && t.DueAt < soon, t.Priority, t.Escalated);
            }).ToList();
            return new(items, counts?.Total ?? 0, counts?.Overdue ?? 0, counts?.DueSoon ?? 0, page, pageSize);
        }
    }

    /// <summary>The task kinds, for the inbox's filter.</summary>
    public static IReadOnlyList<TaskKinds.Info> Kinds => TaskKinds.All;
}
