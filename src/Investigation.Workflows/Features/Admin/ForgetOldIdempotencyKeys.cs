using Hangfire;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// The nightly job that forgets idempotency keys older than "Idempotency:KeepFor" (a day by default). A key
/// answers a resend of its write: nginx resends within seconds, a client retries within minutes; a day later
/// the key only takes room, one row per write. What a write did stays on the audit record.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class ForgetOldIdempotencyKeys(InvestigationDbContext db, TimeProvider clock, IOptions<ForgetOldIdempotencyKeys.Settings> settings, ILogger<ForgetOldIdempotencyKeys> logger)
{
    public const string Id = "forget-old-idempotency-keys";

    public sealed class Schedule : IRecurringJobs
    {
        public void AddTo(IRecurringJobManager jobs, DueTimerOptions options, TimeZoneInfo zone) =>
            jobs.AddOrUpdate<ForgetOldIdempotencyKeys>(Id, j => j.RunAsync(CancellationToken.None), "15 3 * * *", new RecurringJobOptions { TimeZone = zone });
    }

    /// <summary>Section "Idempotency".</summary>
    public sealed class Settings
    {
        public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(1);
    }

    [JobDisplayName("Forget old idempotency keys")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - settings.Value.KeepFor;
        var forgotten = await db.Set<IdempotentRequest>().Where(r => r.At < before).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Forgot {Count} idempotency keys from before {Before:u}.", forgotten, before);
        return forgotten;
    }
}
