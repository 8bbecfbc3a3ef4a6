using Investigation.Workflows.Audit;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Investigation.Workflows.Tests.Persistence;

/// <summary>
/// The prepared-statement save must write exactly what EF Core writes, fail exactly where EF Core fails,
/// and leave nothing behind when it does. Each test runs the same work through both and compares.
/// </summary>
public sealed class PreparedSqliteDatabaseTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("investigation-prepared-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private string NewDatabase(string name)
    {
        var path = Path.Combine(directory, name + ".db");
        using var context = Context(path, prepared: false);
        context.Database.EnsureCreated();
        return path;
    }

    private static SqliteInvestigationDbContext Context(string path, bool prepared)
    {
        var options = new DbContextOptionsBuilder<SqliteInvestigationDbContext>();
        if (prepared)
            DependencyInjection.ConfigureDatabase(options, new DatabaseOptions { ConnectionString = $"Data Source={path}" });
        else
            options.UseSqlite($"Data Source={path}");
        return new SqliteInvestigationDbContext(options.Options);
    }

    [Fact]
    public void The_application_on_SQLite_saves_through_prepared_statements()
    {
        using var context = Context(NewDatabase("service"), prepared: true);

        Assert.IsType<PreparedSqliteDatabase>(context.GetService<IDatabase>());
    }

    [Theory]
    [InlineData(typeof(WorkflowInstance))]
    [InlineData(typeof(Bookmark))]
    [InlineData(typeof(HumanTask))]
    [InlineData(typeof(JournalEntry))]
    [InlineData(typeof(Incident))]
    [InlineData(typeof(AuditEntry))]
    [InlineData(typeof(CaseRecord))]
    [InlineData(typeof(Notification))]
    [InlineData(typeof(global::Investigation.Workflows.Deadlines.DueDateChange))]
    public void Every_table_a_workflow_step_writes_goes_through_prepared_statements(Type type)
    {
        using var context = Context(NewDatabase("types"), prepared: true);

        Assert.True(PreparedSqliteDatabase.Writes(context.Model.FindEntityType(type)!), $"{type.Name} would go through EF Core's own save.");
    }

    private static readonly DateTimeOffset At = new(2026, 11, 2, 8, 30, 15, 123, TimeSpan.FromHours(8));
    private static Guid Id(int n) => Guid.Parse($"0195a3c4-7b2e-7c10-8a4b-{n:x12}");
    private static readonly Guid InstanceId = Guid.Parse("0195a3c4-7b2e-7c10-8a4b-5c6d7e8f9a01");
    private static readonly Guid TaskId = Guid.Parse("0195a3c4-7b2e-7c10-8a4b-5c6d7e8f9a02");
    private static readonly Guid CaseId = Guid.Parse("0195a3c4-7b2e-7c10-8a4b-5c6d7e8f9a03");

    /// <summary>One step's worth of every kind of row, with nulls, Chinese text, enums and dates, then changes and deletions.</summary>
    private static async Task<List<long>> RunStepsAsync(SqliteInvestigationDbContext db)
    {
        var instance = new WorkflowInstance
        {
            Id = InstanceId, DefinitionName = "investigation", DefinitionVersion = 1, Status = WorkflowStatus.Running,
            CorrelationId = CaseId.ToString(), VariablesJson = "{\"单位\":\"江北区\"}", CreatedAt = At, UpdatedAt = At, Version = 1,
        };
        var consumed = new Bookmark { Id = Id(11), InstanceId = InstanceId, ActivityId = "accept", Name = "HumanTask", Key = TaskId.ToString(), CreatedAt = At };
        var timer = new Bookmark { Id = Id(12), InstanceId = InstanceId, ActivityId = "accept", Name = "Due", Key = "due-1", ResumeAt = At.AddDays(5), CreatedAt = At, Blocking = false };
        var task = new HumanTask
        {
            Id = TaskId, InstanceId = InstanceId, ActivityId = "accept", Kind = "Acceptance", Title = "受理：门户网站被篡改", CandidateRole = "CaseOfficer",
            UnitId = "unit-1", CorrelationId = CaseId.ToString(), Status = HumanTaskStatus.Open, Priority = 2, CreatedAt = At, DueAt = At.AddDays(5), Version = 1,
        };
        var incident = new Incident { Id = Id(13), InstanceId = InstanceId, ActivityId = "accept", Message = "boom", Detail = "stack", At = At };
        var record = new CaseRecord
        {
            Id = CaseId, Number = "JB-2026-0001", UnitId = Guid.Parse("0195a3c4-7b2e-7c10-8a4b-5c6d7e8f9a04"), Status = Domain.Cases.CaseStatus.Registered,
            Title = "门户网站被篡改", CircumstancesMet = ";1;", Basis = Domain.Incidents.AccountabilityBasis.SeriousCircumstance, RegisteredAt = At, UpdatedAt = At,
            WorkflowInstanceId = InstanceId, Snapshot = "{}", Version = 1,
        };
        var notification = new Notification
        {
            Id = Id(14), Recipient = "lead", Kind = NotificationKind.Reminder, TitleZh = "提醒", TitleEn = "Reminder",
            BodyZh = "任务将到期", BodyEn = "Due soon", TaskId = TaskId, CreatedAt = At,
        };
        var journal = new List<JournalEntry>
        {
            new() { InstanceId = InstanceId, ActivityId = "start", ActivityType = "Start", Event = JournalEvent.Started, At = At },
            new() { InstanceId = InstanceId, ActivityId = "accept", ActivityType = "HumanTaskActivity", Event = JournalEvent.Blocked, Actor = "officer", At = At, Detail = "等待受理" },
        };
        db.AddRange(instance, consumed, timer, task, incident, record, notification);
        db.AddRange(journal);
        db.Add(new AuditEntry { Sequence = 1, At = At, Actor = "officer", Action = "RegisterIncident", CaseId = CaseId, Data = "{}", PreviousHash = "", Hash = "abc" });
        await db.SaveChangesAsync();

        // The next step: the task done, its bookmark consumed, the instance moved on, a new timer with the same name and key.
        task.Close(HumanTaskStatus.Completed, At.AddHours(3), "officer", "accepted", "{\"team\":[\"a\",\"b\"]}");
        instance.Status = WorkflowStatus.Waiting;
        instance.StateJson = "{\"joins\":[]}";
        instance.UpdatedAt = At.AddHours(3);
        instance.Version++;
        record.Status = Domain.Cases.CaseStatus.Investigating;
        record.Version++;
        notification.ReadAt = At.AddHours(1);
        db.Remove(consumed);
        db.Remove(timer);
        db.Add(new Bookmark { Id = Id(15), InstanceId = InstanceId, ActivityId = "level1", Name = "Due", Key = "due-1", ResumeAt = At.AddDays(9), CreatedAt = At.AddHours(3) });
        var resumed = new JournalEntry { InstanceId = InstanceId, ActivityId = "accept", ActivityType = "HumanTaskActivity", Event = JournalEvent.Resumed, Actor = "officer", At = At.AddHours(3) };
        journal.Add(resumed);
        db.Add(resumed);
        db.Add(new AuditEntry { Sequence = 2, At = At.AddHours(3), Actor = "officer", Action = "CompleteAcceptance", CaseId = CaseId, Data = "{}", PreviousHash = "abc", Hash = "def" });
        await db.SaveChangesAsync();

        // Retried: the incident resolved, then removed with the notification.
        incident.ResolvedAt = At.AddHours(4);
        await db.SaveChangesAsync();
        db.RemoveRange(incident, notification);
        await db.SaveChangesAsync();
        return journal.ConvertAll(j => j.Id);
    }

    /// <summary>Every row of every table the steps touch, each value as SQLite's own literal (so type and bytes count).</summary>
    private static List<string> Dump(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var rows = new List<string>();
        foreach (var table in new[] { "wf_instances", "wf_bookmarks", "wf_human_tasks", "wf_journal", "wf_incidents", "audit_entries", "cases", "notifications" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            reader.Close();
            command.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{table}\" ORDER BY rowid";
            using var values = command.ExecuteReader();
            rows.Add($"{table}: {string.Join(",", columns)}");
            while (values.Read()) rows.Add($"{table}: {values.GetString(0)}");
        }
        return rows;
    }

    [Fact]
    public async Task Writes_the_same_rows_as_EF_Core_for_inserts_updates_and_deletes()
    {
        var (byEf, byPrepared) = (NewDatabase("ef"), NewDatabase("prepared"));
        List<long> efIds, preparedIds;
        await using (var db = Context(byEf, prepared: false)) efIds = await RunStepsAsync(db);
        await using (var db = Context(byPrepared, prepared: true)) preparedIds = await RunStepsAsync(db);

        var expected = Dump(byEf);
        Assert.Contains(expected, row => row.StartsWith("cases: ", StringComparison.Ordinal) && row.Contains("'JB-2026-0001'")); // the dump saw the rows
        Assert.Equal(expected, Dump(byPrepared));
        Assert.Equal([1, 2, 3], preparedIds); // keys SQLite numbered, read back into the entities
        Assert.Equal(efIds, preparedIds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stale_row_fails_as_a_concurrency_conflict_and_nothing_of_the_save_is_written(bool prepared)
    {
        var path = NewDatabase($"stale-{prepared}");
        await using (var db = Context(path, prepared)) await RunStepsAsync(db);
        await using var first = Context(path, prepared);
        await using var second = Context(path, prepared);
        var mine = await first.HumanTasks.SingleAsync();
        var theirs = await second.HumanTasks.SingleAsync();
        theirs.Title = "theirs";
        theirs.Version++;
        await second.SaveChangesAsync();

        first.Add(new JournalEntry { InstanceId = InstanceId, ActivityId = "x", ActivityType = "y", Event = JournalEvent.Started, At = At });
        mine.Title = "mine";
        mine.Version++;
        var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());

        Assert.Same(mine, Assert.Single(error.Entries).Entity);
        await using var check = Context(path, prepared: false);
        Assert.Equal("theirs", (await check.HumanTasks.SingleAsync()).Title);
        Assert.Equal(3, await check.Journal.CountAsync()); // the journal entry of the failed save is not there
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_constraint_violation_writes_nothing_and_the_same_context_can_save_once_it_is_mended(bool prepared)
    {
        var path = NewDatabase($"unique-{prepared}");
        await using (var db = Context(path, prepared)) await RunStepsAsync(db);
        await using var context = Context(path, prepared);
        var entry = new JournalEntry { InstanceId = InstanceId, ActivityId = "x", ActivityType = "y", Event = JournalEvent.Started, At = At };
        var duplicate = new Bookmark { Id = Guid.NewGuid(), InstanceId = InstanceId, ActivityId = "x", Name = "Due", Key = "due-1", CreatedAt = At };
        context.AddRange(entry, duplicate);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Equal(19, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.True(context.Entry(entry).Property(e => e.Id).IsTemporary); // the number SQLite gave is undone with the save
        await using (var check = Context(path, prepared: false))
            Assert.Equal(3, await check.Journal.CountAsync());

        duplicate.Key = "due-2";
        await context.SaveChangesAsync();
        Assert.Equal(4, entry.Id);
    }

    [Fact]
    public async Task Once_the_pool_is_cleared_the_file_alone_holds_every_row()
    {
        // The statements kept for the next save must not keep the native connection open: SQLite checkpoints
        // the write-ahead log into the file when the last connection closes, and a copy of the closed file is whole.
        var path = NewDatabase("closed");
        await using (var db = Context(path, prepared: true)) await RunStepsAsync(db);

        SqliteConnection.ClearAllPools();

        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "The write-ahead log was left behind.");
        var copy = Path.Combine(directory, "copy.db");
        File.Copy(path, copy);
        await using var check = Context(copy, prepared: false);
        Assert.Equal(3, await check.Journal.CountAsync());
    }
}
