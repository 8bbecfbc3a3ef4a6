using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// My completed tasks (已办), newest first, a page at a time, with a text search over the case's number
/// and title. Only tasks of units I still see: someone moved to another unit does not keep reading its cases.
/// </summary>
public static class GetCompletedTasks
{
    public sealed record Query(string? Search = null, int Page = 1, int PageSize = 25) : IRequest<Result>;

    public sealed record Item(Guid TaskId, string Kind, Guid CaseId, string CaseNumber, string CaseTitle, DateTimeOffset CompletedAt, string? Outcome);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int PageSize);

    /// <summary>Paging as asked or refused: never clamped silently.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).PageNumber();
            RuleFor(q => q.PageSize).PageSize(200);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var pageSize = query.PageSize;
            var page = query.Page;
            var units = await access.VisibleUnitKeysAsync(ct);
            var me = access.Actor.UserName;
            var tasks = db.HumanTasks.AsNoTracking()
                .Where(t => t.Status == HumanTaskStatus.Completed && t.CompletedBy == me && units.Contains(t.UnitId!));
            if (query.Search?.Trim() is { Length: > 0 } search)
            {
                var pattern = $"%{search.Replace("%", "").Replace("_", "")}%";
                var cases = await db.Cases.AsNoTracking()
                    .Where(c => EF.Functions.Like(c.Number, pattern) || EF.Functions.Like(c.Title, pattern))
                    .Select(c => c.Id).ToListAsync(ct);
                var keys = cases.Select(c => c.ToString()).ToList();
                tasks = tasks.Where(t => keys.Contains(t.CorrelationId!));
            }
            var total = await tasks.CountAsync(ct);
            var rows = await tasks.OrderByDescending(t => t.CompletedAt).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize)
                .Select(t => new { t.Id, t.Kind, t.CorrelationId, t.CompletedAt, t.Outcome }).ToListAsync(ct);
            var ids = rows.Select(r => Guid.TryParse(r.CorrelationId, out var id) ? id : Guid.Empty).Distinct().ToList();
            var found = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Title }).ToDictionaryAsync(c => c.Id, ct);
            return new(rows.Select(r =>
            {
                var caseId = Guid.TryParse(r.CorrelationId, out var id) ? id : Guid.Empty;
                var c = found.GetValueOrDefault(caseId);
                return new Item(r.Id, r.Kind, caseId, c?.Number ?? "", c?.Title ?? "", r.CompletedAt!.Value, r.Outcome);
            }).ToList(), total, page, pageSize);
        }
    }
}
