using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The cases of my unit and the units below it, newest first, filtered by status, circumstance met,
/// unit (with the units below it), open or closed (the dashboard's figures count one or the other) and
/// text in the number or title, a page at a time. Reads only the
/// list columns of the cases table, never the snapshots.
/// </summary>
public static class ListCases
{
    public sealed record Query(
        CaseStatus? Status = null,
        Circumstance? Circumstance = null,
        Guid? UnitId = null,
        string? Text = null,
        int Page = 1,
        int PageSize = 25,
        bool? Open = null) : IRequest<Result>;

    public sealed record Item(Guid Id, string Number, string Title, Guid UnitId, string UnitName, CaseStatus Status,
        IReadOnlyList<Circumstance> CircumstancesMet, AccountabilityBasis Basis, DateTimeOffset RegisteredAt);

    public sealed record UnitOption(Guid Id, string Name, int Depth);

    /// <param name="Units">The units the user may filter by: theirs and those below it, as a tree in order.</param>
    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int PageSize, IReadOnlyList<UnitOption> Units);

    /// <summary>Paging as asked or refused: never clamped silently.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).PageNumber();
            RuleFor(q => q.PageSize).PageSize(200);
            RuleFor(q => q.Status).IsInEnum().WithMessage("请从列表中选择状态。", "Choose the status from the list.");
            RuleFor(q => q.Circumstance).IsInEnum().WithMessage("请从列表中选择情形。", "Choose the circumstance from the list.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var pageSize = query.PageSize;
            var page = query.Page;
            var tree = await access.OrganisationAsync(ct);
            var mine = access.Actor.UnitId;
            if (!tree.Contains(mine)) return new([], 0, page, pageSize, []);

            var options = new List<UnitOption>();
            void Add(UnitId id, int depth)
            {
                options.Add(new(id.Value, tree.Unit(id).Name, depth));
                foreach (var child in tree.ChildrenOf(id).OrderBy(u => u.Name, StringComparer.Ordinal)) Add(child.Id, depth + 1);
            }
            Add(mine, 0);

            // A unit outside mine is not an error to tell apart: it simply has no cases I may see.
            var scope = query.UnitId is { } unit && tree.Contains(new UnitId(unit)) && tree.IsWithin(new UnitId(unit), mine)
                ? tree.Subtree(new UnitId(unit)).Select(u => u.Id.Value).ToList()
                : query.UnitId is null ? options.Select(o => o.Id).ToList() : [];

            var cases = db.Cases.AsNoTracking().Where(c => scope.Contains(c.UnitId));
            if (query.Status is { } status) cases = cases.Where(c => c.Status == status);
            if (query.Open is { } open)
            {
                // The same test as the dashboard's figures: open is any status but a final one.
                var finals = Enum.GetValues<CaseStatus>().Where(s => s.IsFinal()).ToList();
                cases = open ? cases.Where(c => !finals.Contains(c.Status)) : cases.Where(c => finals.Contains(c.Status));
            }
            if (query.Circumstance is { } circumstance)
            {
                var pattern = CaseRecord.CircumstanceFilter(circumstance);
                cases = cases.Where(c => EF.Functions.Like(c.CircumstancesMet, pattern));
            }
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var text = query.Text.Trim();
                cases = cases.Where(c => c.Number.Contains(text) || c.Title.Contains(text));
            }

            var total = await cases.CountAsync(ct);
            var rows = await cases.OrderByDescending(c => c.RegisteredAt).ThenByDescending(c => c.Number)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(c => new { c.Id, c.Number, c.Title, c.UnitId, c.Status, c.CircumstancesMet, c.Basis, c.RegisteredAt })
                .ToListAsync(ct);
            var names = options.ToDictionary(o => o.Id, o => o.Name);
            var items = rows.Select(c => new Item(c.Id, c.Number, c.Title, c.UnitId, names.GetValueOrDefault(c.UnitId, ""), c.Status,
                c.CircumstancesMet.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(n => (Circumstance)int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                c.Basis, c.RegisteredAt)).ToList();
            return new(items, total, page, pageSize, options);
        }
    }
}
