using Investigation.Workflows.Identity;
using Investigation.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Audit;

/// <summary>
/// The audit record for auditors and administrators, newest first, a page at a time: everything, or
/// the entries of one case. Entries about cases of units the reader may not see are left out like
/// the cases themselves; entries about no case (sign-ins, users) are everyone's to audit.
/// </summary>
public static class GetAuditRecord
{
    public sealed record Query(Guid? CaseId = null, int Page = 1, int PageSize = 50) : IRequest<Result>;

    public sealed record Entry(long Sequence, DateTimeOffset At, string Actor, string Action, Guid? CaseId, string? CaseNumber,
        string Data, string PreviousHash, string Hash);

    /// <param name="CaseNumber">The number of the case asked for, when one was.</param>
    public sealed record Result(IReadOnlyList<Entry> Entries, int Total, int Page, int PageSize, string? CaseNumber);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Auditor, Roles.Administrator);
            var pageSize = Math.Clamp(query.PageSize, 1, 500);
            var page = Math.Max(1, query.Page);

            var entries = db.AuditEntries.AsNoTracking();
            string? caseNumber = null;
            if (query.CaseId is { } caseId)
            {
                caseNumber = (await access.CaseAsync(caseId, ct, tracking: false)).Number;
                entries = entries.Where(e => e.CaseId == caseId);
            }
            else
            {
                var tree = await access.OrganisationAsync(ct);
                var units = tree.Contains(access.Actor.UnitId) ? tree.Subtree(access.Actor.UnitId).Select(u => u.Id.Value).ToList() : [];
                var visibleCases = db.Cases.Where(c => units.Contains(c.UnitId)).Select(c => (Guid?)c.Id);
                entries = entries.Where(e => e.CaseId == null || visibleCases.Contains(e.CaseId));
            }

            var total = await entries.CountAsync(ct);
            var rows = await entries.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            var ids = rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
            var numbers = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
            return new(rows.Select(e => new Entry(e.Sequence, e.At, e.Actor, e.Action, e.CaseId,
                    e.CaseId is { } id ? numbers.GetValueOrDefault(id) : null, e.Data, e.PreviousHash, e.Hash)).ToList(),
                total, page, pageSize, caseNumber);
        }
    }
}
