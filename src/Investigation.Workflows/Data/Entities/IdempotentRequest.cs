using Investigation.Workflows.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>
/// A command committed under an idempotency key, by a user: what it answered, so that the same request
/// sent again (a client's retry, nginx resending a POST whose node died) answers the same and changes nothing.
/// Written in the command's own transaction, so it exists exactly when the command's effects do.
/// </summary>
public sealed class IdempotentRequest
{
    public string Key { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>The command's place in its HTTP request (1 for the first): a page may send more than one.</summary>
    public int Sequence { get; set; }
    public string Command { get; set; } = "";
    /// <summary>SHA-256 of the command as sent: the same key with another request is refused, not answered with the first one's outcome.</summary>
    public string RequestHash { get; set; } = "";
    /// <summary>The command's response as JSON; null when it could not be written so (a resend is then told it was done).</summary>
    public string? Response { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> e)
    {
        e.ToTable("idempotent_requests");
        e.HasKey(x => new { x.Key, x.UserName, x.Sequence });
        e.Property(x => x.Key).HasMaxLength(IdempotencyScope.MaxKeyLength);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Command).HasMaxLength(200);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.HasIndex(x => x.At);
    }
}
