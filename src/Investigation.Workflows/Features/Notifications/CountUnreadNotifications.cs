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
            return Unread(db, access.Actor.UserName, ct);
        }

        // Compiled once (docs/architecture.md, "Compiled queries"): the bell in every page's header counts them.
        private static readonly Func<InvestigationDbContext, string, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(
            (InvestigationDbContext db, string me, CancellationToken ct) => db.Notifications.Count(n => n.Recipient == me && n.ReadAt == null));
    }
}
