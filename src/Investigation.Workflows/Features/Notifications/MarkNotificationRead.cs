using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Notifications;

/// <summary>I mark one of my notifications read, or all of them (no id). Someone else's is "not found".</summary>
public static class MarkNotificationRead
{
    public sealed record Command(Guid? NotificationId = null) : ICommand<int>;

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken ct)
        {
            var me = access.Actor.UserName;
            var now = clock.GetUtcNow();
            var unread = db.Notifications.Where(n => n.Recipient == me && n.ReadAt == null);
            if (command.NotificationId is { } id)
            {
                var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.Recipient == me, ct)
                    ?? throw new NotFoundException("该通知", "The notification");
                if (notification.ReadAt is not null) return 0;
                notification.ReadAt = now;
                return 1;
            }
            var rows = await unread.ToListAsync(ct);
            foreach (var n in rows) n.ReadAt = now;
            return rows.Count;
        }
    }
}
