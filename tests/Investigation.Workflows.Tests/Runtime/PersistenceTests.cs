using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Runtime;

/// <summary>The table design the benchmarks depend on: every hot query answered through an index.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly WorkflowDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task ResumeLookup_FindsBookmarkAndItsInstanceThroughIndexesOnly()
    {
        await using var context = db.NewContext();

        var plan = await QueryPlanAsync(context, WorkflowRuntime.BookmarksOfInstanceWaitingFor(context, "HumanTask", "k"));

        Assert.Contains(plan, step => step.Contains("USING INDEX IX_wf_bookmarks_Name_Key"));
        Assert.Contains(plan, step => step.Contains("USING INDEX IX_wf_bookmarks_InstanceId"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN"));
    }

    [Fact]
    public async Task TimerQueries_ReadTheTimersOnlyIndexInDueOrder()
    {
        await using var context = db.NewContext();
        var bookmarks = context.Set<Bookmark>();
        var now = DateTimeOffset.UtcNow;

        // As WorkflowRuntime.DueBookmarksAsync and DueTimers ask: by a comparison, or by "has a time".
        var due = await QueryPlanAsync(context, bookmarks.Where(b => b.ResumeAt <= now).OrderBy(b => b.ResumeAt).Take(100));
        var next = await QueryPlanAsync(context, bookmarks.Where(b => b.ResumeAt != null).OrderBy(b => b.ResumeAt).Select(b => b.ResumeAt).Take(1));

        Assert.Equal(["SEARCH w USING INDEX IX_wf_bookmarks_ResumeAt (ResumeAt<?)"], due);
        // One step, the index searched, no sort: the earliest timer is the index's first entry.
        Assert.Equal("SEARCH w USING COVERING INDEX IX_wf_bookmarks_ResumeAt (ResumeAt>?)", Assert.Single(next));
    }

    [Fact]
    public async Task TimersOnlyIndex_LeavesOutBookmarksWithoutATime()
    {
        await using var context = db.NewContext();
        var instance = await InstanceAsync(context);
        context.AddRange(
            new Bookmark { Id = Guid.NewGuid(), InstanceId = instance, Name = "HumanTask", Key = "task", CreatedAt = DateTimeOffset.UtcNow },
            new Bookmark { Id = Guid.NewGuid(), InstanceId = instance, Name = "Timer", Key = "timer", ResumeAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow });
        await context.SaveChangesAsync();

        // ANALYZE counts each index's entries (the first number of its statistics): the timer's, not the task's.
        await context.Database.ExecuteSqlRawAsync("ANALYZE");
        Assert.Equal("1 1", await ScalarAsync<string>(context, "SELECT stat FROM sqlite_stat1 WHERE idx = 'IX_wf_bookmarks_ResumeAt'"));
        Assert.StartsWith("2 ", await ScalarAsync<string>(context, "SELECT stat FROM sqlite_stat1 WHERE idx = 'IX_wf_bookmarks_InstanceId'"));
    }

    [Fact]
    public async Task InboxQueries_ReadTheirIndexInDueOrderWithoutSorting()
    {
        await using var context = db.NewContext();
        var tasks = context.Set<HumanTask>();

        var byRole = await QueryPlanAsync(context, tasks
            .Where(t => t.Status == HumanTaskStatus.Open && t.CandidateRole == "chief" && t.UnitId == "u1")
            .OrderBy(t => t.DueAt).Take(50));
        var mine = await QueryPlanAsync(context, tasks
            .Where(t => t.AssigneeId == "bob" && t.Status == HumanTaskStatus.Open)
            .OrderBy(t => t.DueAt).Take(50));

        Assert.Equal(["SEARCH w USING INDEX IX_wf_human_tasks_Open_CandidateRole_UnitId_DueAt (CandidateRole=? AND UnitId=?)"], byRole);
        Assert.Equal(["SEARCH w USING INDEX IX_wf_human_tasks_Open_AssigneeId_DueAt (AssigneeId=?)"], mine);
    }

    [Fact]
    public async Task Dates_AreStoredAsUtcTicksSoSqliteComparesAndOrdersThem()
    {
        var base_ = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.FromHours(8));
        await using (var context = db.NewContext())
        {
            var instance = await InstanceAsync(context);
            foreach (var (title, due) in new[] { ("late", base_.AddDays(2)), ("early", base_.ToOffset(TimeSpan.Zero)), ("middle", base_.AddHours(1)) })
                context.Add(new HumanTask { Id = Guid.NewGuid(), InstanceId = instance, Title = title, DueAt = due, CreatedAt = base_ });
            await context.SaveChangesAsync();
        }

        await using var read = db.NewContext();
        var ordered = await read.Set<HumanTask>().Where(t => t.DueAt >= base_).OrderBy(t => t.DueAt).ToListAsync();

        Assert.Equal(["early", "middle", "late"], ordered.Select(t => t.Title));
        Assert.Equal(base_, ordered[0].DueAt); // the same instant, read back in UTC
        Assert.Equal(base_.UtcTicks, await ScalarAsync<long>(read, "SELECT DueAt FROM wf_human_tasks WHERE Title = 'early'"));
    }

    [Fact]
    public void Model_StoresEnumsAsStringsAndUsesVersionAsConcurrencyToken()
    {
        using var context = db.NewContext();

        foreach (var type in new[] { typeof(WorkflowInstance), typeof(HumanTask) })
            Assert.True(context.Model.FindEntityType(type)!.FindProperty("Version")!.IsConcurrencyToken);
        Assert.Equal(typeof(string), context.Model.FindEntityType(typeof(WorkflowInstance))!.FindProperty("Status")!.GetProviderClrType());
        Assert.Equal(
            ["wf_bookmarks", "wf_human_tasks", "wf_incidents", "wf_instances", "wf_journal"],
            context.Model.GetEntityTypes().Select(e => e.GetTableName()!).Order());
    }

    [Fact]
    public async Task RowsOfAnInstance_ThatDoesNotExist_AreRefusedByTheDatabase()
    {
        var missing = Guid.NewGuid();
        object[] orphans =
        [
            new Bookmark { Id = Guid.NewGuid(), InstanceId = missing, Name = "Timer", Key = "orphan", CreatedAt = DateTimeOffset.UtcNow },
            new HumanTask { Id = Guid.NewGuid(), InstanceId = missing, Title = "orphan", CreatedAt = DateTimeOffset.UtcNow },
            new JournalEntry { InstanceId = missing, ActivityId = "a", ActivityType = "t", At = DateTimeOffset.UtcNow },
            new Incident { Id = Guid.NewGuid(), InstanceId = missing, ActivityId = "a", Message = "m", At = DateTimeOffset.UtcNow },
        ];
        foreach (var orphan in orphans)
        {
            await using var context = db.NewContext();
            context.Add(orphan);
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Contains("FOREIGN KEY", refused.InnerException!.Message);
        }

        await using var read = db.NewContext();
        Assert.Equal(0, await read.Set<Bookmark>().CountAsync() + await read.Set<HumanTask>().CountAsync()
            + await read.Set<JournalEntry>().CountAsync() + await read.Set<Incident>().CountAsync());
    }

    private static async Task<Guid> InstanceAsync(DbContext context)
    {
        var instance = new WorkflowInstance { Id = Guid.NewGuid(), DefinitionName = "test", DefinitionVersion = 1, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        context.Add(instance);
        await context.SaveChangesAsync();
        return instance.Id;
    }

    /// <summary>SQLite's plan for the query EF would send, with EF's parameters bound.</summary>
    private static async Task<string[]> QueryPlanAsync(DbContext context, IQueryable query)
    {
        var text = query.ToQueryString().Split('\n');
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        foreach (var line in text.Where(l => l.StartsWith(".param set ")))
        {
            var parts = line.Split(' ', 4);
            command.Parameters.AddWithValue(parts[2], parts[3].Trim().Trim('\''));
        }
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', text.Where(l => !l.StartsWith(".param")));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return [.. plan];
    }

    private static async Task<T> ScalarAsync<T>(DbContext context, string sql)
    {
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
