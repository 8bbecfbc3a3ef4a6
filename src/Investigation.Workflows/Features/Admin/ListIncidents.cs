using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// The faulted workflows of cases in the administrator's units, each with its open incident: what
/// failed, when and why, for the administrator to fix the cause and retry (RetryFaultedStep).
/// </summary>
public static class ListIncidents
{
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    /// <param name="Detail">The full exception text.</param>
    public sealed record Item(Guid IncidentId, Guid CaseId, string CaseNumber, string CaseTitle, string ActivityId, string Message, string Detail, DateTimeOffset At);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var units = (await access.ManagedUnitsAsync(ct)).Select(u => u.Id).ToList();
            return await (from i in db.Incidents.AsNoTracking()
                          where i.ResolvedAt == null
                          join w in db.WorkflowInstances.AsNoTracking() on i.InstanceId equals w.Id
                          where w.Status == WorkflowStatus.Faulted
                          join c in db.Cases.AsNoTracking() on (Guid?)w.Id equals c.WorkflowInstanceId
                          where units.Contains(c.UnitId)
                          orderby i.At descending
                          select new Item(i.Id, c.Id, c.Number, c.Title, i.ActivityId, i.Message, i.Detail, i.At)).ToListAsync(ct);
        }
    }
}
