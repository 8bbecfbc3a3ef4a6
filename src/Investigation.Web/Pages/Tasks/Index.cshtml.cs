using Investigation.Domain.Incidents;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Tasks;

/// <summary>The inbox (GetInbox); claim and release answer with the task's new row, for htmx to swap in.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public GetInbox.Show Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Circumstance? Circumstance { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? DueBy { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public GetInbox.SortBy Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    public GetInbox.Query Query { get; private set; } = new();
    public GetInbox.Result Result { get; private set; } = new([], 0, 0, 0, 1, 25);

    public Task<IActionResult> OnGetAsync()
    {
        var dueBefore = DueBy is { } d ? new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), Text.ChinaTime.BaseUtcOffset) : (DateTimeOffset?)null;
        Query = new GetInbox.Query(Scope, string.IsNullOrEmpty(Kind) ? null : Kind, Circumstance, null, dueBefore, PageNumber,
            Search: string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(), Sort: Sort, Descending: Desc);
        return this.ListAsync(mediator, Query, r => Result = r);
    }

    public string PageLink(int page) => $"?scope={Scope}&kind={Kind}&circumstance={Circumstance}&dueBy={DueBy:yyyy-MM-dd}&q={Uri.EscapeDataString(Search ?? "")}&sort={Sort}&desc={Desc}&p={page}";

    /// <summary>A column header's link: sorts by that column, or reverses the order if it is the column sorted by.</summary>
    public string SortLink(GetInbox.SortBy by) =>
        $"?scope={Scope}&kind={Kind}&circumstance={Circumstance}&dueBy={DueBy:yyyy-MM-dd}&q={Uri.EscapeDataString(Search ?? "")}&sort={by}&desc={(by != GetInbox.SortBy.Due && Sort == by && !Desc)}";

    public string? AriaSort(GetInbox.SortBy by) => Sort == by ? (Desc ? "descending" : "ascending") : null;

    public Task<IActionResult> OnPostClaimAsync(Guid id) => ChangeAsync(id, new ClaimTask.Command(id));
    public Task<IActionResult> OnPostReleaseAsync(Guid id) => ChangeAsync(id, new ReleaseTask.Command(id));

    private async Task<IActionResult> ChangeAsync(Guid id, IRequest<Unit> command)
    {
        try
        {
            await mediator.Send(command, HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            // Someone else was quicker: show the row as it is now, with the reason.
            Response.Headers["HX-Trigger"] = "task-refused";
            var row = await FindRowAsync(id);
            return row is null ? Content($"<tr id=\"task-{id}\"><td colspan=\"7\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(Text.T(e))}</td></tr>", "text/html")
                : Partial("_InboxRow", row);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await FindRowAsync(id) is { } item ? Partial("_InboxRow", item)
            : Content($"<tr id=\"task-{id}\"></tr>", "text/html");
    }

    private async Task<GetInbox.Item?> FindRowAsync(Guid id)
    {
        var inbox = await mediator.Send(new GetInbox.Query(PageSize: 200), HttpContext.RequestAborted);
        return inbox.Items.FirstOrDefault(i => i.TaskId == id);
    }
}
