using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Investigation.Workflows.Data;

/// <summary>
/// One context for everything a step writes (case, workflow instance, bookmarks, tasks, journal,
/// audit entry), so that one transaction holds them all.
/// </summary>
public class InvestigationDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (sign-in cookies, tokens), shared by every node through the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();
    public DbSet<UnitRecord> Units => Set<UnitRecord>();
    public DbSet<PersonRecord> People => Set<PersonRecord>();
    public DbSet<AppointmentRecord> Appointments => Set<AppointmentRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<HumanTask> HumanTasks => Set<HumanTask>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Outage> Outages => Set<Outage>();
    public DbSet<DueDateChange> DueDateChanges => Set<DueDateChange>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(InvestigationDbContext).Assembly,
            t => t.Namespace?.StartsWith("Investigation.Workflows.Runtime", StringComparison.Ordinal) != true);
        builder.ApplyWorkflowRuntime();
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite cannot order or compare DateTimeOffset; UTC ticks sort the same on SQLite and PostgreSQL.
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

/// <summary>The context on SQLite, with its own migrations (Persistence/Migrations/Sqlite).</summary>
public sealed class SqliteInvestigationDbContext(DbContextOptions<SqliteInvestigationDbContext> options) : InvestigationDbContext(options);

/// <summary>The context on PostgreSQL, with its own migrations (Persistence/Migrations/Postgres).</summary>
public sealed class PostgresInvestigationDbContext(DbContextOptions<PostgresInvestigationDbContext> options) : InvestigationDbContext(options);
