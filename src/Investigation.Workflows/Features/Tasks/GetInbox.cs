using System.Data.Common;
using System.Text;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Persistence;
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
            var now = clock.GetUtcNow();
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var page = Math.Max(1, query.Page);
            var units = await access.VisibleUnitKeysAsync(ct);
            if (units.Count == 0 || (query.Scope == Show.Claimable && access.Actor.Roles.Count == 0)) return new([], 0, 0, 0, page, pageSize);

            // One statement, written by hand and run on the context's connection: the counts, the page and each
            // row's case together. Through LINQ this was three queries, and EF Core's work for each (translating the
            // expression, finding it in its cache, the JSON list parameters, the garbage) cost more than SQLite's.
            await using var command = db.Database.GetDbConnection().CreateCommand();
            Prepare(command, query, access.Actor, units, now, page, pageSize, postgres: db is PostgresInvestigationDbContext);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                await using var reader = await command.ExecuteReaderAsync(ct);
                var items = new List<Item>(pageSize);
                int total = 0, overdue = 0, dueSoon = 0;
                var soon = now + DueSoonWindow;
                while (await reader.ReadAsync(ct))
                {
                    (total, overdue, dueSoon) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
                    if (reader.IsDBNull(3)) continue; // a page past the end: the counts alone
                    DateTimeOffset? due = reader.IsDBNull(10) ? null : new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero);
                    var correlation = reader.IsDBNull(6) ? null : reader.GetString(6);
                    items.Add(new Item(reader.GetGuid(3), reader.GetString(4), reader.GetString(5),
                        Guid.TryParse(correlation, out var caseId) ? caseId : Guid.Empty,
                        reader.IsDBNull(13) ? "" : reader.GetString(13), reader.IsDBNull(14) ? "" : reader.GetString(14),
                        reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
                        due, due < now, due >= now && due < soon, reader.GetInt32(11), reader.GetInt32(12) == 1));
                }
                return new(items, total, overdue, dueSoon, page, pageSize);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        // Valid on SQLite and PostgreSQL alike, but for the join from a task to its case: the task holds the case id
        // as text (Guid.ToString(), lower case, or "outage:…" for other workflows), while EF Core stores a Guid as upper
        // case text on SQLite and as uuid on PostgreSQL, where casting anything else would fail the whole query.
        // Only open tasks are read (Status = 'Open' written out, so that the partial indexes apply), and a list goes
        // in as one parameter per element, which both providers bind alike.
        private static void Prepare(DbCommand command, Query query, Actor actor, List<string> units, DateTimeOffset now, int page, int pageSize, bool postgres)
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
            var caseKey = postgres
                ? """CASE WHEN {0}."CorrelationId" ~ '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$' THEN CAST({0}."CorrelationId" AS uuid) END"""
                : """upper({0}."CorrelationId")""";

            var sql = new StringBuilder($"""
                WITH f AS MATERIALIZED (
                    SELECT t."Id", t."Kind", t."Title", t."CorrelationId", t."CandidateRole", t."AssigneeId", t."CreatedAt", t."DueAt", t."Priority",
                        {(includeEscalated ? $"CASE WHEN {escalated} THEN 1 ELSE 0 END" : "0")} AS "Escalated"
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
            if (query.Circumstance is { } circumstance)
            {
                sql.Append($"""    AND EXISTS (SELECT 1 FROM cases c WHERE c."Id" = {string.Format(caseKey, "t")} AND c."CircumstancesMet" LIKE @circumstance)""").Append('\n');
                Add(command, "@circumstance", CaseRecord.CircumstanceFilter(circumstance));
            }
            // The counts are of the whole set and the page is joined to them, so that a page past the end still has them.
            // MATERIALIZED: the set is read once for both; SQLite would otherwise read the tasks twice.
            // Escalated first; then by due date, so overdue ones come first by themselves; no due date last.
            const string order = """p."Escalated" DESC, CASE WHEN p."DueAt" IS NULL THEN 1 ELSE 0 END, p."DueAt", p."Priority" DESC, p."Id" """;
            sql.Append($"""
                )
                SELECT n."Total", n."Overdue", n."DueSoon",
                    p."Id", p."Kind", p."Title", p."CorrelationId", p."CandidateRole", p."AssigneeId", p."CreatedAt", p."DueAt", p."Priority", p."Escalated",
                    c."Number", c."Title"
                FROM (SELECT COUNT(*) AS "Total",
                        COALESCE(SUM(CASE WHEN "DueAt" < @now THEN 1 ELSE 0 END), 0) AS "Overdue",
                        COALESCE(SUM(CASE WHEN "DueAt" >= @now AND "DueAt" < @soon THEN 1 ELSE 0 END), 0) AS "DueSoon"
                    FROM f) n
                LEFT JOIN (SELECT * FROM f p ORDER BY {order} LIMIT @take OFFSET @skip) p ON 1 = 1
                LEFT JOIN cases c ON c."Id" = {string.Format(caseKey, "p")}
                ORDER BY {order}
                """);
            Add(command, "@now", now.UtcTicks);
            Add(command, "@soon", (now + DueSoonWindow).UtcTicks);
            Add(command, "@take", pageSize);
            Add(command, "@skip", (page - 1) * pageSize);
            command.CommandText = sql.ToString();
        }

        /// <summary>Adds one parameter per value and returns their names, for an IN list.</summary>
        private static string List(DbCommand command, string prefix, IEnumerable<string> values)
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
