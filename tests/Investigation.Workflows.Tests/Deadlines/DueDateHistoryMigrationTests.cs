using Investigation.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>A task whose due date was changed before the history table existed keeps that change in its history.</summary>
public sealed class DueDateHistoryMigrationTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"due-history-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public async Task The_last_change_kept_on_the_task_moves_into_the_history_when_the_task_columns_go()
    {
        var options = new DbContextOptionsBuilder<SqliteInvestigationDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new SqliteInvestigationDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122170732_AddDueDateChanges");
            var (created, due, changed) = (new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO wf_human_tasks ("Id", "InstanceId", "ActivityId", "Kind", "Title", "CandidateRole", "UnitId", "Status", "Priority", "CreatedAt", "DueAt", "DueChangedAt", "DueChangedBy", "DueChangeReason", "Version")
                VALUES ('0195A3C4-7B2E-7C10-8A4B-000000000001', '0195A3C4-7B2E-7C10-8A4B-000000000002', 'accept', 'Acceptance', 't', 'CaseOfficer', 'u', 'Open', 0, {created.UtcTicks}, {due.UtcTicks}, {changed.UtcTicks}, 'admin', '经批准延期', 2),
                       ('0195A3C4-7B2E-7C10-8A4B-000000000003', '0195A3C4-7B2E-7C10-8A4B-000000000002', 'level1', 'Findings', 't', 'Investigator', 'u', 'Open', 0, {created.UtcTicks}, {due.UtcTicks}, NULL, NULL, NULL, 1)
                """);

            await db.Database.MigrateAsync();
        }

        await using var check = new SqliteInvestigationDbContext(options);
        var change = Assert.Single(await check.DueDateChanges.AsNoTracking().ToListAsync());
        Assert.Equal((Guid.Parse("0195a3c4-7b2e-7c10-8a4b-000000000001"), "admin", (DateTimeOffset?)null, new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero), "经批准延期"),
            (change.TaskId, change.By, change.From, change.To, change.Reason));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero), change.At);
    }
}
