using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Notifications;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Notifications;

/// <summary>My notifications (GetNotifications), newest first; mark one or all read (MarkNotificationRead).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public GetNotifications.Result Result { get; private set; } = new([], 0, 0, 1, 25);

    public Task<IActionResult> OnGetAsync() =>
        this.ListAsync(mediator, new GetNotifications.Query(Unread, PageNumber), r => Result = r);

    public Task<IActionResult> OnPostReadAsync(Guid id) => MarkAsync(id);

    public Task<IActionResult> OnPostReadAllAsync() => MarkAsync(null);

    private async Task<IActionResult> MarkAsync(Guid? id)
    {
        var result = await this.SendAsync(mediator, new MarkNotificationRead.Command(id), _ => RedirectToPage(new { unread = Unread, p = PageNumber }), fieldPrefix: "");
        if (result is PageResult) await OnGetAsync();
        return result;
    }

    public string PageLink(int page) => $"?unread={Unread}&p={page}";
}
