using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Persistence;

public static class DatabaseInitialiser
{
    /// <summary>Applies the migrations the database lacks. Runs at start-up, before anything else reads or schedules.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
