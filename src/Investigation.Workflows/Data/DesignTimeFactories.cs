using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Investigation.Workflows.Data;

// Used by `dotnet ef migrations add` only (see README, "Changing the schema").
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteInvestigationDbContext>
{
    public SqliteInvestigationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteInvestigationDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInvestigationDbContext>
{
    public PostgresInvestigationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresInvestigationDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
