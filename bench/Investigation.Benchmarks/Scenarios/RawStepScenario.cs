using System.Globalization;
using Investigation.Benchmarks.Harness;
using Microsoft.Data.Sqlite;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The storage limit for a task completion, rather than for one small row: the rows a completion of
/// <see cref="RuntimeScenario"/>'s flow reads and writes, by hand-written SQL compiled once on one open
/// connection, one committed transaction each. It reads the waiting bookmarks, the instance and the
/// task; deletes the bookmark; closes the task; opens the next task and its bookmark (copies of the
/// real rows, so the same bytes and the same indexes); updates the instance; appends four journal rows.
/// No workflow logic, no EF Core, no scope: what is left is SQLite's own cost, the commit included, so a
/// completion through the runtime cannot go faster than this on the same machine.
/// </summary>
internal static class RawStepScenario
{
    /// <param name="tasks">Open tasks of the flow's first activity, warm-up + rounds x steps of them.</param>
    public static async Task<Throughput> RunAsync(BenchApp app, Sizes sizes, string synchronous, IReadOnlyList<Guid> tasks)
    {
        await using var connection = app.OpenConnection();
        await using var step = new Step(connection, synchronous);
        return await Measure.MedianRateAsync(sizes.Warmup, sizes.RuntimeSteps, i => step.RunAsync(tasks[i]));
    }

    private sealed class Step : IAsyncDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand bookmarks, instance, task, deleteBookmark, closeTask, openTask, makeBookmark, updateInstance, journal;

        public Step(SqliteConnection connection, string synchronous)
        {
            this.connection = connection;
            Execute($"PRAGMA synchronous={synchronous}");
            bookmarks = Command("SELECT * FROM wf_bookmarks WHERE InstanceId = (SELECT InstanceId FROM wf_bookmarks WHERE Name = $name AND Key = $key)");
            instance = Command("SELECT * FROM wf_instances WHERE Id = $id");
            task = Command("SELECT * FROM wf_human_tasks WHERE Id = $id");
            deleteBookmark = Command("DELETE FROM wf_bookmarks WHERE Id = $id");
            closeTask = Command("UPDATE wf_human_tasks SET Status = 'Completed', CompletedAt = $now, CompletedBy = 'investigator', Outcome = 'Done', " +
                                "ResultJson = $result, Version = Version + 1 WHERE Id = $id AND Version = $version");
            openTask = Command(Copy("wf_human_tasks", new()
            {
                ["Id"] = "$new", ["ActivityId"] = "'second'", ["Status"] = "'Open'", ["CreatedAt"] = "$now", ["Version"] = "1",
                ["CompletedAt"] = "NULL", ["CompletedBy"] = "NULL", ["Outcome"] = "NULL", ["ResultJson"] = "NULL",
            }));
            makeBookmark = Command(Copy("wf_bookmarks", new()
            {
                ["Id"] = "$new", ["ActivityId"] = "'second'", ["Key"] = "$key", ["CreatedAt"] = "$now",
            }));
            updateInstance = Command("UPDATE wf_instances SET StateJson = StateJson, UpdatedAt = $now, Version = Version + 1 WHERE Id = $id AND Version = $version");
            journal = Command("INSERT INTO wf_journal (InstanceId, ActivityId, ActivityType, Event, Outcome, Actor, At, Detail) " +
                              "VALUES ($instance, $activity, 'HumanTaskActivity', $event, $outcome, 'investigator', $now, NULL)");
        }

        public async Task RunAsync(Guid taskId)
        {
            var id = Text(taskId);
            var now = DateTimeOffset.UtcNow.ToString("yyyy'-'MM'-'dd HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
            await using var transaction = connection.BeginTransaction();
            foreach (var command in new[] { bookmarks, instance, task, deleteBookmark, closeTask, openTask, makeBookmark, updateInstance, journal })
                command.Transaction = transaction;

            string bookmarkId = "", instanceId = "";
            await Read(bookmarks, r => { bookmarkId = r.GetString(r.GetOrdinal("Id")); instanceId = r.GetString(r.GetOrdinal("InstanceId")); },
                ("$name", "HumanTask"), ("$key", taskId.ToString())); // a bookmark's key is the task id as text, lower case
            long instanceVersion = 0, taskVersion = 0;
            await Read(instance, r => instanceVersion = r.GetInt64(r.GetOrdinal("Version")), ("$id", instanceId));
            await Read(task, r => taskVersion = r.GetInt64(r.GetOrdinal("Version")), ("$id", id));

            var next = Guid.CreateVersion7();
            await Write(makeBookmark, ("$new", Text(Guid.CreateVersion7())), ("$key", next.ToString()), ("$now", now), ("$source", bookmarkId));
            await Write(deleteBookmark, ("$id", bookmarkId));
            await Write(closeTask, ("$now", now), ("$result", """{"comment":"Checked the logs; nothing further.","score":4}"""), ("$id", id), ("$version", taskVersion));
            await Write(openTask, ("$new", Text(next)), ("$now", now), ("$source", id));
            await Write(updateInstance, ("$now", now), ("$id", instanceId), ("$version", instanceVersion));
            foreach (var (activity, @event, outcome) in new[] { ("first", "Resumed", (string?)null), ("first", "Completed", "Done"), ("second", "Started", null), ("second", "Blocked", null) })
                await Write(journal, ("$instance", instanceId), ("$activity", activity), ("$event", @event), ("$outcome", outcome), ("$now", now));
            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { bookmarks, instance, task, deleteBookmark, closeTask, openTask, makeBookmark, updateInstance, journal })
                await command.DisposeAsync();
        }

        // INSERT INTO table SELECT <every column, some replaced> FROM table WHERE Id = $source: a new row as big as a real one.
        private string Copy(string table, Dictionary<string, string> replaced)
        {
            var columns = new List<string>();
            using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
                using var reader = info.ExecuteReader();
                while (reader.Read()) columns.Add(reader.GetString(0));
            }
            var quoted = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", columns.Select(c => replaced.GetValueOrDefault(c, $"\"{c}\"")));
            return $"INSERT INTO {table} ({quoted}) SELECT {values} FROM {table} WHERE Id = $source";
        }

        private SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private void Execute(string sql)
        {
            using var command = Command(sql);
            command.ExecuteNonQuery();
        }

        private static async Task Read(SqliteCommand command, Action<SqliteDataReader> read, params (string Name, object? Value)[] parameters)
        {
            Bind(command, parameters);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                // Every column read, as materializing an entity would.
                for (var c = 0; c < reader.FieldCount; c++) _ = reader.GetValue(c);
                read(reader);
                rows++;
            }
            if (rows == 0) throw new InvalidOperationException($"No row for: {command.CommandText}");
        }

        private static async Task Write(SqliteCommand command, params (string Name, object? Value)[] parameters)
        {
            Bind(command, parameters);
            if (await command.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"Not one row changed by: {command.CommandText}");
        }

        private static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
        {
            if (command.Parameters.Count == 0)
                foreach (var (name, _) in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            for (var i = 0; i < parameters.Length; i++) command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        // As EF Core stores a Guid on SQLite.
        private static string Text(Guid id) => id.ToString().ToUpperInvariant();
    }
}
