using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Notifications;

/// <summary>My notifications, newest first, unread ones only if asked; with the unread count.</summary>
public static class GetNotifications
{
    public sealed record Query(bool UnreadOnly = false, int Page = 1, int PageSize = 25) : IRequest<Result>;

    public sealed record Item(Guid Id, NotificationKind Kind, BilingualText Title, BilingualText Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Unread, int Page, int PageSize);

    /// <summary>Paging as asked or refused: never clamped silently.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).PageNumber();
            RuleFor(q => q.PageSize).PageSize(200);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var me = access.Actor.UserName;
            var pageSize = query.PageSize;
            var page = query.Page;
            var mine = db.Notifications.AsNoTracking().Where(n => n.Recipient == me);
            var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
            var shown = query.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
            var total = query.UnreadOnly ? unread : await mine.CountAsync(ct);
            var rows = await shown.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            return new(rows.ConvertAll(n => new Item(n.Id, n.Kind, new(n.TitleZh, n.TitleEn), new(n.BodyZh, n.BodyEn), n.Link, n.CreatedAt, n.ReadAt)),
                total, unread, page, pageSize);
        }
    }
}
