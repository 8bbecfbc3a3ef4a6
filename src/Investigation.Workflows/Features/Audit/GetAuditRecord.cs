using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
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

    /// <param name="Operation">The action in words.</param>
    /// <param name="Content">The data read with names for its ids and numbers (the raw <paramref name="Data"/> stays beside it).</param>
    /// <param name="ActorName">The actor's name beside their user name.</param>
    public sealed record Entry(long Sequence, DateTimeOffset At, string Actor, string Action, Guid? CaseId, string? CaseNumber,
        string Data, string PreviousHash, string Hash, BilingualText Operation, IReadOnlyList<AuditLine> Content, string ActorName);

    /// <param name="CaseNumber">The number of the case asked for, when one was.</param>
    public sealed record Result(IReadOnlyList<Entry> Entries, int Total, int Page, int PageSize, string? CaseNumber);

    /// <summary>Paging as asked or refused: never clamped silently.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).PageNumber();
            RuleFor(q => q.PageSize).PageSize(500);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Auditor, Roles.Administrator);
            var pageSize = query.PageSize;
            var page = query.Page;

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
            var names = await AuditNamesLoader.LoadAsync(db, ids, ct);
            return new(rows.Select(e => new Entry(e.Sequence, e.At, e.Actor, e.Action, e.CaseId,
                    e.CaseId is { } id ? names.Cases.GetValueOrDefault(id) : null, e.Data, e.PreviousHash, e.Hash,
                    AuditReading.Operation(e.Action), AuditReading.Content(e.Action, e.Data, names), names.User(e.Actor))).ToList(),
                total, page, pageSize, caseNumber);
        }
    }
}
