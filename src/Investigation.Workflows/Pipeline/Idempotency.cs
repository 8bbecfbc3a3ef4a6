using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Messages;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Pipeline;

/// <summary>
/// The idempotency key of the request being served (the API's Idempotency-Key header, or the hidden field
/// every page form carries), set by the web layer. Null: the commands run as they always did.
/// </summary>
public sealed class IdempotencyScope
{
    public const int MaxKeyLength = 100;

    public string? Key { get; set; }

    /// <summary>The commands of this request so far: the n-th command of a resend answers for the n-th of the original.</summary>
    internal int Sent { get; set; }

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');
}

/// <summary>
/// Replays a committed command instead of running it again. Used by <see cref="TransactionBehavior{TRequest,TResponse}"/>
/// only: the key is claimed (inserted) first thing in the command's transaction, so a resend racing the
/// original waits on the key (PostgreSQL) or on the write gate (SQLite), then finds it taken and answers
/// the stored outcome; the response is filled in before the commit.
/// </summary>
internal static class Idempotency
{
    private static readonly JsonSerializerOptions Json = new();

    public sealed record Claim(string Key, string UserName, int Sequence, string Command, string RequestHash);

    public static Claim? For(IdempotencyScope scope, string? userName, string command, object request)
    {
        if (scope.Key is not { } key || userName is null) return null;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, request.GetType(), Json))));
        return new(key, userName, ++scope.Sent, command, hash);
    }

    public static Task<IdempotentRequest?> FindAsync(InvestigationDbContext db, Claim claim, CancellationToken ct) =>
        db.Set<IdempotentRequest>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Key == claim.Key && r.UserName == claim.UserName && r.Sequence == claim.Sequence, ct);

    /// <summary>Inserts the key now, inside the transaction: on PostgreSQL a concurrent insert of the same key waits here until this one ends.</summary>
    public static async Task<IdempotentRequest> TakeAsync(InvestigationDbContext db, Claim claim, DateTimeOffset now, CancellationToken ct)
    {
        var row = new IdempotentRequest
        {
            Key = claim.Key, UserName = claim.UserName, Sequence = claim.Sequence, Command = claim.Command, RequestHash = claim.RequestHash, At = now,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    public static void Answered<TResponse>(IdempotentRequest row, TResponse response)
    {
        try { row.Response = JsonSerializer.Serialize(response, Json); }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException) { row.Response = null; }
    }

    /// <summary>What the command answered when it was committed.</summary>
    /// <exception cref="ConflictException">The key was used for another request, or the answer cannot be given again.</exception>
    public static TResponse Replay<TResponse>(IdempotentRequest row, Claim claim)
    {
        if (row.Command != claim.Command || row.RequestHash != claim.RequestHash)
            throw new ConflictException("此幂等键（Idempotency-Key）已用于另一个请求，本次请求未执行：请为新的请求使用新的键。",
                "This Idempotency-Key was already used for a different request. Nothing was done: send a new request with a new key.");
        if (row.Response is { } json)
            try
            {
                if (JsonSerializer.Deserialize<TResponse>(json, Json) is { } response) return response;
            }
            catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException) { }
        throw new ConflictException("此请求此前已执行并已保存，未再次执行：请刷新后查看结果。",
            "This request was carried out and saved before; it was not carried out again. Reload to see its result.");
    }
}
