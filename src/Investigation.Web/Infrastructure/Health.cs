using System.Text.Json;
using Investigation.Workflows.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Liveness and readiness for load balancers and orchestrators, without sign-in:
/// <c>/health/live</c> answers 200 while the process serves requests (restart it when not);
/// <c>/health/ready</c> answers 200 when the database is reachable, its migrations are applied and the
/// deadline scheduler runs, and 503 otherwise (send it no traffic), with a JSON body saying which check failed.
/// </summary>
public static class Health
{
    public const string Ready = "ready";

    public static IServiceCollection AddInvestigationHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static WebApplication MapInvestigationHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>The database answers, and has every migration this build knows.</summary>
public sealed class DatabaseHealthCheck(InvestigationDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            // Reading the migrations history is the connection test too (CanConnect says false for an empty SQLite file).
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Reachable; migrations applied.")
                : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", pending)} (run `migrate`).");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer: " + e.Message);
        }
    }
}
