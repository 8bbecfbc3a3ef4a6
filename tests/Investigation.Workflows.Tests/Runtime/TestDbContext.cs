using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Runtime;

/// <summary>The smallest application DbContext: the runtime's tables and nothing else.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowRuntime();
}
