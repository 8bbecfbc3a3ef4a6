using Hangfire;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Investigation.Workflows.Features.Audit;

/// <summary>
/// The nightly Hangfire job that verifies the audit record (Article 11 keeps the record of how a case
/// was handled): it asks VerifyAuditChain, as an auditor would, and when the chain is broken it tells
/// every administrator and auditor (ReportAuditChainBreak). It writes nothing while the chain is
/// intact. It relies on the use case's result only, not on how the chain is kept.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class AuditChainCheck(IServiceScopeFactory scopes, ILogger<AuditChainCheck> logger)
{
    /// <summary>Puts the check on the scheduler, at "Deadlines:Scheduler:AuditCheckCron".</summary>
    public sealed class Schedule : IRecurringJobs
    {
        public void AddTo(IRecurringJobManager jobs, DueTimerOptions options, TimeZoneInfo zone) =>
            jobs.AddOrUpdate<AuditChainCheck>(Id, j => j.RunAsync(CancellationToken.None), options.AuditCheckCron, new RecurringJobOptions { TimeZone = zone });
    }

    public const string Id = "audit-chain-check";

    /// <summary>The system, with the auditor's right to read the audit record and nothing more.</summary>
    public static readonly Actor Checker = Actor.System with { Roles = new HashSet<string> { Roles.Auditor } };

    [JobDisplayName("Audit chain verification")]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        AuditVerification result;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Checker;
            result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyAuditChain.Query(), cancellationToken);
        }
        if (result.Intact) return $"intact: {result.EntriesChecked} entries";
        logger.LogCritical("The audit chain is broken at {BrokenAt}: {Message}", result.BrokenAt, result.Message);
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System;
            var told = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new ReportAuditChainBreak.Command(result.EntriesChecked, result.BrokenAt, result.Message), cancellationToken);
            return $"broken at {result.BrokenAt}: {told} people told";
        }
    }
}
