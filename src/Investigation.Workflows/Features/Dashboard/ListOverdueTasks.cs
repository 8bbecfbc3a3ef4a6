using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Dashboard;

/// <summary>
/// The list behind the dashboard's overdue figure: the open tasks past their due time in my unit and the units
/// below it, with their cases, the most overdue first. The same test as the figure (GetDashboard), so the two agree.
/// </summary>
public static class ListOverdueTasks
{
    public sealed record Query : IRequest<Result>;

    public sealed record Item(Guid TaskId, string Kind, string? Assignee, string CandidateRole, DateTimeOffset DueAt,
        Guid? CaseId, string CaseNumber, string CaseTitle, string UnitName);

    public sealed record Result(IReadOnlyList<Item> Items);

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var unitKeys = await access.VisibleUnitKeysAsync(ct);
            var now = clock.GetUtcNow();
            var tasks = await db.HumanTasks.AsNoTracking()
                .Where(t => t.Status == HumanTaskStatus.Open && t.DueAt != null && t.DueAt < now && unitKeys.Contains(t.UnitId))
                .Select(t => new { t.Id, t.Kind, t.AssigneeId, t.CandidateRole, t.DueAt, t.CorrelationId, t.UnitId })
                .ToListAsync(ct);
            var caseIds = tasks.Select(t => Guid.TryParse(t.CorrelationId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Title }).ToDictionaryAsync(c => c.Id, ct);
            var tree = await access.OrganisationAsync(ct);
            string UnitName(string key) => Guid.TryParse(key, out var u) && tree.Contains(new UnitId(u)) ? tree.Unit(new UnitId(u)).Name : "";
            var items = tasks.OrderBy(t => t.DueAt).Select(t =>
            {
                var c = Guid.TryParse(t.CorrelationId, out var id) && cases.TryGetValue(id, out var found) ? found : null;
                return new Item(t.Id, t.Kind, t.AssigneeId, t.CandidateRole, t.DueAt!.Value, c?.Id, c?.Number ?? "", c?.Title ?? "", UnitName(t.UnitId));
            }).ToList();
            return new(items);
        }
    }
}
