using System.Data.Common;
using System.Text;
using FluentValidation;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The inbox: open tasks assigned to me, and unassigned tasks of my roles in my unit and the units
/// below it that I can claim. Overdue first, then by due date; filters and paging. The query
/// reads only open tasks through an index, so it stays flat as history grows. Overdue tasks escalated
/// to me (I supervise them: Deadlines/) come before all of these, even when they are not mine to do.
/// </summary>
public static class GetInbox
{
    public enum Show { All, Mine, Claimable }

    /// <summary>The inbox's order: by due date (overdue first, the default), or by a column a person clicked.</summary>
    public enum SortBy { Due, Case, Title, Person, Unit }

    public sealed record Query(
        Show Scope = Show.All,
        string? Kind = null,
        Circumstance? Circumstance = null,
        Guid? CaseId = null,
        DateTimeOffset? DueBefore = null,
        int Page = 1,
        int PageSize = 25,
        string? Search = null,
        SortBy Sort = SortBy.Due,
        bool Descending = false) : IRequest<Result>;

    public sealed record Item(Guid TaskId, string Kind, string Title, Guid CaseId, string CaseNumber, string CaseTitle,
        string CandidateRole, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue, bool DueSoon, int Priority,
        bool Escalated = false, string UnitName = "");

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Overdue, int DueSoon, int Page, int PageSize);

    /// <summary>A task is "due soon" in its last day.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(1);

    /// <summary>Paging as asked or refused: never clamped silently.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).PageNumber();
            RuleFor(q => q.PageSize).PageSize(200);
            RuleFor(q => q.Scope).IsInEnum().WithMessage("请从列表中选择范围。", "Choose the scope from the list.");
            RuleFor(q => q.Sort).IsInEnum().WithMessage("请从列表中选择排序方式。", "Choose the order from the list.");
            RuleFor(q => q.Circumstance).IsInEnum().WithMessage("请从列表中选择情形。", "Choose the circumstance from the list.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var pageSize = query.PageSize;
            var page = query.Page;
            var units = await access.VisibleUnitKeysAsync(ct);
            if (units.Count == 0 || (query.Scope == Show.Claimable && access.Actor.Roles.Count == 0)) return new([], 0, 0, 0, page, pageSize);
            var tree = await access.OrganisationAsync(ct);
            var search = query.Search?.Trim() is { Length: > 0 } text ? await MatchesAsync(text, tree, ct) : null;
            // Sorted by a column: every row is read and sorted here (the case's number and title live in another table).
            var sorted = query.Sort != SortBy.Due;

            // Two statements written by hand, run on the context's connection. Through LINQ this was three queries,
            // and EF Core's work for each (translating the expression, finding it in its cache, the JSON list
            // parameters, the garbage) cost more than SQLite's. The first returns every task of the inbox in order,
            // and the counts and the page are taken from it here: the counts need every row anyway, and on SQLite a
            // LIMIT or a second pass over the set (a CTE) each builds a temporary b-tree, which cost more than stepping
            // through the rest of the rows (measured with 73 rows, the benchmark investigator's). Rows off the page are
            // only counted, not read, so the cost per row stays small as the open tasks a person sees grow.
            await using var command = db.Database.GetDbConnection().CreateCommand();
            Prepare(command, query, access.Actor, units, postgres: db is PostgresInvestigationDbContext, search);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.Transaction = transaction;
                var rows = new List<Item>(pageSize);
                int total = 0, overdue = 0, dueSoon = 0;
                var (skip, soon) = ((page - 1) * pageSize, now + DueSoonWindow);
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct))
                    {
                        DateTimeOffset? due = reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero);
                        var (isOverdue, isDueSoon) = (due < now, due >= now && due < soon);
                        if (isOverdue) overdue++;
                        if (isDueSoon) dueSoon++;
                        if (!sorted && (total++ < skip || rows.Count == pageSize)) continue;
                        if (sorted) total++;
                        var correlation = reader.IsDBNull(3) ? null : reader.GetString(3);
                        rows.Add(new Item(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                            Guid.TryParse(correlation, out var caseId) ? caseId : Guid.Empty, "", "",
                            reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                            due, isOverdue, isDueSoon, reader.GetInt32(8), reader.GetInt32(9) == 1,
                            Guid.TryParse(reader.GetString(10), out var unit) && tree.Contains(new Domain.UnitId(unit)) ? tree.Unit(new Domain.UnitId(unit)).Name : ""));
                    }

                // The page's cases. A Guid parameter is bound as each provider stores a Guid (upper case text, uuid).
                var caseIds = rows.Select(r => r.CaseId).Where(id => id != Guid.Empty).Distinct().ToList();
                if (caseIds.Count == 0)
                    return new(sorted ? Sort(rows, query.Sort, query.Descending).Skip(skip).Take(pageSize).ToList() : rows, total, overdue, dueSoon, page, pageSize);
                await using var cases = db.Database.GetDbConnection().CreateCommand();
                cases.Transaction = transaction;
                cases.CommandText = $"""SELECT "Id", "Number", "Title" FROM cases WHERE "Id" IN ({List(cases, "c", caseIds)})""";
                var found = new Dictionary<Guid, (string Number, string Title)>(caseIds.Count);
                await using (var reader = await cases.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct))
                        found[reader.GetGuid(0)] = (reader.GetString(1), reader.GetString(2));
                var items = rows.ConvertAll(r => found.TryGetValue(r.CaseId, out var c) ? r with { CaseNumber = c.Number, CaseTitle = c.Title } : r);
                if (sorted) items = Sort(items, query.Sort, query.Descending).Skip(skip).Take(pageSize).ToList();
                return new(items, total, overdue, dueSoon, page, pageSize);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        // Valid on SQLite and PostgreSQL alike, but for the circumstance filter's join from a task to its case: the task
        // holds the case id as text (Guid.ToString(), lower case, or "outage:…" for other workflows), while EF Core stores
        // a Guid as upper case text on SQLite and as uuid on PostgreSQL, where casting anything else would fail the query.
        // Only open tasks are read (Status = 'Open' written out, so that the partial indexes apply), and a list goes
        // in as one parameter per element, which both providers bind alike.
        /// <summary>Rows ordered by a column, in Chinese collation order for names; ties by due date, as the inbox's own order.</summary>
        private static IEnumerable<Item> Sort(List<Item> items, SortBy by, bool descending)
        {
            var chinese = StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), ignoreCase: true);
            Func<Item, string> key = by switch
            {
                SortBy.Case => i => i.CaseNumber,
                SortBy.Title => i => i.CaseTitle,
                SortBy.Person => i => i.Assignee ?? "",
                _ => i => i.UnitName,
            };
            var ordered = descending ? items.OrderByDescending(key, chinese) : items.OrderBy(key, chinese);
            return ordered.ThenBy(i => i.DueAt ?? DateTimeOffset.MaxValue).ThenBy(i => i.TaskId);
        }

        /// <summary>What a search matches besides the task's own title and assignee: cases by number or title, units and people by name.</summary>
        private async Task<Search> MatchesAsync(string text, Domain.Organisation.OrganisationTree tree, CancellationToken ct)
        {
            var pattern = $"%{text.Replace("%", "").Replace("_", "")}%";
            var cases = await db.Cases.AsNoTracking().Where(c => EF.Functions.Like(c.Number, pattern) || EF.Functions.Like(c.Title, pattern))
                .Select(c => c.Id).Take(500).ToListAsync(ct);
            var users = await db.Users.AsNoTracking().Where(u => EF.Functions.Like(u.DisplayName, pattern) || EF.Functions.Like(u.UserName!, pattern))
                .Select(u => u.UserName!).Take(500).ToListAsync(ct);
            var matchedUnits = tree.Units.Where(u => u.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(u => u.Id.ToString()).ToList();
            return new(pattern.ToLowerInvariant(), cases.ConvertAll(c => c.ToString()), users, matchedUnits);
        }

        private sealed record Search(string Pattern, List<string> CaseKeys, List<string> Users, List<string> UnitKeys);

        private static void Prepare(DbCommand command, Query query, Actor actor, List<string> units, bool postgres, Search? search = null)
        {
            var includeMine = query.Scope != Show.Claimable;
            var includeClaimable = query.Scope != Show.Mine && actor.Roles.Count > 0;
            var includeEscalated = query.Scope == Show.All;
            // Overdue tasks escalated to me: a changed due date clears the overdue mark, and with it this.
            const string escalated = """
                (t."OverdueAt" IS NOT NULL AND EXISTS (SELECT 1 FROM notifications n
                    WHERE n."Recipient" = @me AND n."Kind" IN ('Escalation', 'SecondEscalation') AND n."TaskId" = t."Id"))
                """;
            var who = new List<string>(3);
            if (includeMine) who.Add("""t."AssigneeId" = @me""");
            if (includeClaimable) who.Add($"""(t."AssigneeId" IS NULL AND t."CandidateRole" IN ({List(command, "r", actor.Roles)}))""");
            if (includeEscalated) who.Add(escalated);
            if (includeMine || includeEscalated) Add(command, "@me", actor.UserName);

            var sql = new StringBuilder($"""
                SELECT t."Id", t."Kind", t."Title", t."CorrelationId", t."CandidateRole", t."AssigneeId", t."CreatedAt", t."DueAt", t."Priority",
                    {(includeEscalated ? $"CASE WHEN {escalated} THEN 1 ELSE 0 END" : "0")} AS "Escalated", t."UnitId"
                FROM wf_human_tasks t
                WHERE t."Status" = 'Open' AND t."UnitId" IN ({List(command, "u", units)}) AND ({string.Join(" OR ", who)})
                """).Append('\n');
            if (query.Kind is { } kind)
            {
                sql.Append("""    AND t."Kind" = @kind""").Append('\n');
                Add(command, "@kind", kind);
            }
            if (query.CaseId is { } caseId)
            {
                sql.Append("""    AND t."CorrelationId" = @case""").Append('\n');
                Add(command, "@case", caseId.ToString());
            }
            if (query.DueBefore is { } before)
            {
                sql.Append("""    AND t."DueAt" IS NOT NULL AND t."DueAt" <= @before""").Append('\n');
                Add(command, "@before", before.UtcTicks);
            }
            if (search is not null)
            {
                var any = new List<string> { """lower(t."Title") LIKE @q""", """lower(t."AssigneeId") LIKE @q""" };
                Add(command, "@q", search.Pattern);
                if (search.CaseKeys.Count > 0) any.Add($"""t."CorrelationId" IN ({List(command, "sc", search.CaseKeys)})""");
                if (search.Users.Count > 0) any.Add($"""t."AssigneeId" IN ({List(command, "su", search.Users)})""");
                if (search.UnitKeys.Count > 0) any.Add($"""t."UnitId" IN ({List(command, "sn", search.UnitKeys)})""");
                sql.Append($"""    AND ({string.Join(" OR ", any)})""").Append('\n');
            }
            if (query.Circumstance is { } circumstance)
            {
                var caseKey = postgres
                    ? """CASE WHEN t."CorrelationId" ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN CAST(t."CorrelationId" AS uuid) END"""
                    : """upper(t."CorrelationId")""";
                sql.Append($"""    AND EXISTS (SELECT 1 FROM cases c WHERE c."Id" = {caseKey} AND c."CircumstancesMet" LIKE @circumstance)""").Append('\n');
                Add(command, "@circumstance", CaseRecord.CircumstanceFilter(circumstance));
            }
            // Escalated first; then by due date, so overdue ones come first by themselves; no due date last.
            sql.Append("""ORDER BY "Escalated" DESC, CASE WHEN t."DueAt" IS NULL THEN 1 ELSE 0 END, t."DueAt", t."Priority" DESC, t."Id" """);
            command.CommandText = sql.ToString();
        }

        /// <summary>Adds one parameter per value and returns their names, for an IN list.</summary>
        private static string List<T>(DbCommand command, string prefix, IEnumerable<T> values) where T : notnull
        {
            var names = new StringBuilder();
            var i = 0;
            foreach (var value in values)
            {
                var name = $"@{prefix}{i++}";
                Add(command, name, value);
                names.Append(names.Length == 0 ? "" : ", ").Append(name);
            }
            return names.ToString();
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>The task kinds, for the inbox's filter.</summary>
    public static IReadOnlyList<TaskKinds.Info> Kinds => TaskKinds.All;
}
