using System.Text.Json;
using Investigation.Domain;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Pipeline;

/// <summary>
/// One transaction per command: the handler's changes, the workflow's rows and the audit entry are
/// committed together or not at all; one open connection per query. A concurrent change to the same rows surfaces as a
/// <see cref="ConflictException"/> with nothing written.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(
    InvestigationDbContext db, CurrentActor actor, AuditScope audit, TimeProvider clock, IdempotencyScope idempotency,
    IEnumerable<IBeforeCommit> beforeCommit, IEnumerable<IAfterCommit> afterCommit)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Chinese stays readable in the record (it is data in a column, never written into HTML unencoded).
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse>) return await ReadAsync(next, cancellationToken);
        var name = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;
        using var activity = Telemetry.Source.StartActivity(name);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var claim = Idempotency.For(idempotency, actor.IsSet ? actor.Actor.UserName : null, name, request);
            var (response, replayed) = await OnceAsync(request, next, claim, cancellationToken);
            outcome = replayed ? "replayed" : "committed";
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

    /// <summary>
    /// A query's handler runs on one open connection. Left to EF Core, every statement opens and closes the
    /// connection, and each open of a pooled SQLite connection registers EF Core's functions with SQLite
    /// again; the case page's sixteen statements cost sixteen opens. Closed again when the handler is done,
    /// so no connection is held while a page renders. A page's GET handler holds one open for all the queries it
    /// sends (Web's PageConnection); EF Core counts opens, so the open and close here are then no-ops.
    /// </summary>
    private async Task<TResponse> ReadAsync(RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// With an idempotency key: a request committed before answers what it answered then, and runs nothing.
    /// A resend that lost the race on the key (PostgreSQL: it waited for the original's commit) answers the same.
    /// </summary>
    private async Task<(TResponse, bool Replayed)> OnceAsync(TRequest request, RequestHandlerDelegate<TResponse> next, Idempotency.Claim? claim,
        CancellationToken cancellationToken)
    {
        try
        {
            return await InTransactionAsync(request, next, claim, cancellationToken);
        }
        catch (ConflictException) when (claim is not null)
        {
            if (await Idempotency.FindAsync(db, claim, cancellationToken) is not { } done) throw;
            return (Idempotency.Replay<TResponse>(done, claim), true);
        }
    }

    private async Task<(TResponse, bool Replayed)> InTransactionAsync(TRequest request, RequestHandlerDelegate<TResponse> next, Idempotency.Claim? claim,
        CancellationToken cancellationToken)
    {

        // On SQLite this begins IMMEDIATE: writers queue here (in the gate, then in SQLite's lock), so each reads
        // what the previous one committed.
        using var turn = await SqliteWriteGate.EnterAsync(db.Database.GetDbConnection(), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            IdempotentRequest? key = null;
            if (claim is not null)
            {
                if (await Idempotency.FindAsync(db, claim, cancellationToken) is { } done)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return (Idempotency.Replay<TResponse>(done, claim), true);
                }
                key = await Idempotency.TakeAsync(db, claim, clock.GetUtcNow(), cancellationToken);
            }
            var response = await next();
            if (key is not null) Idempotency.Answered(key, response);
            foreach (var hook in beforeCommit) await hook.BeforeCommitAsync(cancellationToken);
            await AuditChain.AppendAsync(db, clock.GetUtcNow(), actor.IsSet ? actor.Actor.UserName : Actor.System.UserName,
                typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name, audit.CaseId,
                audit.Detail is null ? JsonSerializer.Serialize(request, AuditJson) : $"{JsonSerializer.Serialize(request, AuditJson)} {audit.Detail}",
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var hook in afterCommit) hook.AfterCommit();
            return (response, false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException("其他人同时修改了此内容，且先于您保存。您的修改均未保存：请刷新后重试。",
                "Someone else changed this at the same moment, and their change came first. Nothing of yours was saved: reload and try again.");
        }
        catch (Exception e) when (IsRace(e) || IsTakenKey(e, claim))
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

    /// <summary>SQLite's unique constraint on the idempotency key (one writer at a time, so only a second process on the file meets it).</summary>
    private static bool IsTakenKey(Exception e, Idempotency.Claim? claim) =>
        claim is not null && (e as Microsoft.Data.Sqlite.SqliteException ?? e.InnerException as Microsoft.Data.Sqlite.SqliteException) is
            { SqliteExtendedErrorCode: 1555 } sqlite && sqlite.Message.Contains("idempotent_requests", StringComparison.Ordinal);

    /// <summary>A unique key taken by a concurrent transaction, a serialization failure or a deadlock (PostgreSQL's SQLSTATEs).</summary>
    private static bool IsRace(Exception e) =>
        (e as Npgsql.PostgresException ?? e.InnerException as Npgsql.PostgresException)?.SqlState is "23505" or "40001" or "40P01";
}
