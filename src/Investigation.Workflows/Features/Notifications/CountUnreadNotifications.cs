using Investigation.Workflows.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Notifications;

/// <summary>The number on the bell: my unread notifications (one indexed count, on every page).</summary>
public static class CountUnreadNotifications
{
    public sealed record Query : IRequest<int>;

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, int>
    {
        public Task<int> Handle(Query query, CancellationToken ct)
        {
            var me = access.Actor.UserName;
            return db.Notifications.CountAsync(n => n.Recipient == me && n.ReadAt == null, ct);
        }
    }
}
