using System.Text.Json;
using Investigation.Domain;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Pipeline;

/// <summary>
/// One transaction per command: the handler's changes, the workflow's rows and the audit entry are
/// committed together or not at all. A concurrent change to the same rows surfaces as a
/// <see cref="ConflictException"/> with nothing written.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(
    InvestigationDbContext db, CurrentActor actor, AuditScope audit, TimeProvider clock, IEnumerable<IBeforeCommit> beforeCommit)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Chinese stays readable in the record (it is data in a column, never written into HTML unencoded).
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse>) return await next();
        var name = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;
        using var activity = Telemetry.Source.StartActivity(name);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await InTransactionAsync(request, next, cancellationToken);
            outcome = "committed";
            return response;
        }
        catch (ConflictException) { outcome = "conflict"; throw; }
        catch (Exception e) when (e is DomainException or ForbiddenException or NotFoundException) { outcome = "refused"; throw; }
        finally
        {
            var tag = new KeyValuePair<string, object?>("command", name);
            var result = new KeyValuePair<string, object?>("outcome", outcome);
            Telemetry.Commands.Add(1, tag, result);
            Telemetry.CommandDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, tag, result);
            activity?.SetTag("investigation.outcome", outcome);
            if (outcome == "failed") activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
        }
    }

    private async Task<TResponse> InTransactionAsync(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {

        // On SQLite this begins IMMEDIATE: writers queue here (in the gate, then in SQLite's lock), so each reads
        // what the previous one committed.
        using var turn = await SqliteWriteGate.EnterAsync(db.Database.GetDbConnection(), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var response = await next();
            foreach (var hook in beforeCommit) await hook.BeforeCommitAsync(cancellationToken);
            await AuditChain.AppendAsync(db, clock.GetUtcNow(), actor.IsSet ? actor.Actor.UserName : Actor.System.UserName,
                typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name, audit.CaseId,
                audit.Detail is null ? JsonSerializer.Serialize(request, AuditJson) : $"{JsonSerializer.Serialize(request, AuditJson)} {audit.Detail}",
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException("其他人同时修改了此内容，且先于您保存。您的修改均未保存：请刷新后重试。",
                "Someone else changed this at the same moment, and their change came first. Nothing of yours was saved: reload and try again.");
        }
        catch (Exception e) when (IsRace(e))
        {
            db.ChangeTracker.Clear();
            // Two transactions inserted the same key, or PostgreSQL chose this one to break a deadlock: the other came first.
            throw new ConflictException("其他人同时修改了此内容，且先于您保存。您的修改均未保存：请刷新后重试。",
                "Someone else changed this at the same moment, and their change came first. Nothing of yours was saved: reload and try again.");
        }
        catch (WorkflowStimulusException e)
        {
            db.ChangeTracker.Clear();
            // The step was taken already (someone else was first) or the workflow no longer waits for it.
            throw new ConflictException("此步骤已由他人完成，或流程已不再等待此操作。您的操作未保存：请刷新后查看。", e.Message);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>A unique key taken by a concurrent transaction, a serialization failure or a deadlock (PostgreSQL's SQLSTATEs).</summary>
    private static bool IsRace(Exception e) =>
        (e as Npgsql.PostgresException ?? e.InnerException as Npgsql.PostgresException)?.SqlState is "23505" or "40001" or "40P01";
}
