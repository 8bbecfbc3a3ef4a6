using Investigation.Workflows.Features.Notifications;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Investigation.Web.Pages.Notifications;

/// <summary>The bell in the layout: a link to the notifications with the unread count (CountUnreadNotifications).</summary>
public sealed class NotificationBellViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Pages/Notifications/_Bell.cshtml", await mediator.Send(new CountUnreadNotifications.Query(), HttpContext.RequestAborted));
}
