using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;

namespace Investigation.Workflows.Notifications;

/// <summary>What to tell people, in both languages, and where they can act on it.</summary>
public sealed record Message(NotificationKind Kind, BilingualText Title, BilingualText Body, string? Link = null)
{
    public Guid? TaskId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? OutageId { get; init; }
}

/// <summary>
/// A way of reaching people. The application keeps notifications itself (<see cref="InAppChannel"/>);
/// mail or an office messenger would be a second implementation, registered beside it. A channel
/// that talks to the outside should write an outbox row here and send after the commit, so that a
/// rolled-back step sends nothing.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Delivers as part of the caller's unit of work: nothing is sent if the step is rolled back.</summary>
    Task DeliverAsync(IReadOnlyCollection<string> recipients, Message message, CancellationToken ct);
}

/// <summary>The bell: one row per recipient, in the step's transaction.</summary>
public sealed class InAppChannel(InvestigationDbContext db, TimeProvider clock) : INotificationChannel
{
    public Task DeliverAsync(IReadOnlyCollection<string> recipients, Message message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var recipient in recipients)
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(now),
                Recipient = recipient,
                Kind = message.Kind,
                TitleZh = message.Title.Zh,
                TitleEn = message.Title.En,
                BodyZh = message.Body.Zh,
                BodyEn = message.Body.En,
                Link = message.Link,
                TaskId = message.TaskId,
                CaseId = message.CaseId,
                OutageId = message.OutageId,
                CreatedAt = now,
            });
        return Task.CompletedTask;
    }
}

/// <summary>Tells people something through every registered channel.</summary>
public sealed class Notifier(IEnumerable<INotificationChannel> channels)
{
    public async Task NotifyAsync(IEnumerable<string> recipients, Message message, CancellationToken ct)
    {
        var to = recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList();
        if (to.Count == 0) return;
        foreach (var channel in channels) await channel.DeliverAsync(to, message, ct);
    }
}
