using Investigation.Benchmarks.Harness;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;
using Microsoft.Data.Sqlite;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// Fills the tasks table fast, with raw SQL in large transactions: a history of completed and
/// cancelled tasks, and a fixed number of open ones (the work in progress, which does not grow with
/// history) spread over every unit, every role and several assignees. One case row per ten tasks.
/// </summary>
internal static class TaskFill
{
    private static readonly string[] Assignees = ["investigator", "investigator2", "investigator-linchuan", "caseofficer", "disciplinereviewer", "partycommittee"];

    public static async Task FillAsync(BenchApp app, int total, int open)
    {
        var random = new Random(42);
        var units = DemoOrganisation.Build().Units.Select(u => u.Id.Value).ToArray();
        var now = DateTimeOffset.UtcNow;
        await using var connection = app.OpenConnection();
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"); // loading only: nothing to keep

        var cases = new (Guid Id, Guid Unit)[Math.Max(open, total / 10)];
        await InBatchesAsync(connection, cases.Length, """
            INSERT INTO cases (Id, Number, UnitId, Status, Title, CircumstancesMet, Basis, RegisteredAt, UpdatedAt, Snapshot, Version)
            VALUES ($id, $number, $unit, 'Investigating', $title, ';1;', 'SeriousCircumstance', $at, $at, '{}', 1)
            """, (p, i) =>
        {
            cases[i] = (Guid.CreateVersion7(), units[random.Next(units.Length)]);
            p["$id"].Value = cases[i].Id;
            p["$number"].Value = $"B-{i:D7}";
            p["$unit"].Value = cases[i].Unit;
            p["$title"].Value = $"Bench case {i}";
            p["$at"].Value = now.AddDays(-400).UtcTicks;
        });

        await InBatchesAsync(connection, total, """
            INSERT INTO wf_human_tasks (Id, InstanceId, ActivityId, Kind, Title, CandidateRole, UnitId, AssigneeId, CorrelationId,
                Status, Priority, CreatedAt, DueAt, CompletedAt, CompletedBy, Outcome, ResultJson, Version)
            VALUES ($id, $instance, $activity, $kind, $title, $role, $unit, $assignee, $case,
                $status, $priority, $created, $due, $completed, $by, $outcome, $result, $version)
            """, (p, i) =>
        {
            var isOpen = i >= total - open; // the newest tasks are the open ones
            var c = cases[isOpen ? random.Next(cases.Length) : i % cases.Length];
            var kind = TaskKinds.All[random.Next(TaskKinds.All.Count)];
            var created = isOpen ? now.AddDays(-random.Next(0, 20)) : now.AddDays(-400).AddMinutes(i % 500_000);
            var assignee = random.Next(3) == 0 ? Assignees[random.Next(Assignees.Length)] : null;
            p["$id"].Value = Guid.CreateVersion7(created);
            p["$instance"].Value = c.Id; // one instance per case; its id is not read here
            p["$activity"].Value = kind.Kind.ToLowerInvariant();
            p["$kind"].Value = kind.Kind;
            p["$title"].Value = $"{kind.Name.Zh} · {kind.Name.En} — B-{i % cases.Length:D7}";
            p["$role"].Value = kind.Role;
            p["$unit"].Value = c.Unit.ToString();
            p["$assignee"].Value = (object?)assignee ?? DBNull.Value;
            p["$case"].Value = c.Id.ToString();
            p["$status"].Value = isOpen ? "Open" : random.Next(10) == 0 ? "Cancelled" : "Completed";
            p["$priority"].Value = random.Next(3);
            p["$created"].Value = created.UtcTicks;
            p["$due"].Value = created.AddDays(10).UtcTicks;
            p["$completed"].Value = isOpen ? DBNull.Value : created.AddDays(3).UtcTicks;
            p["$by"].Value = isOpen ? DBNull.Value : (object?)assignee ?? "investigator";
            p["$outcome"].Value = isOpen ? DBNull.Value : "Done";
            p["$result"].Value = isOpen ? DBNull.Value : """{"comment":"Done as asked."}""";
            p["$version"].Value = isOpen ? 1 : 2;
        });

        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static async Task InBatchesAsync(SqliteConnection connection, int rows, string sql, Action<SqliteParameterCollection, int> bind)
    {
        const int batch = 100_000;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        for (var start = 0; start < rows; start += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            command.Transaction = transaction;
            for (var i = start; i < Math.Min(rows, start + batch); i++)
            {
                bind(command.Parameters, i);
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
