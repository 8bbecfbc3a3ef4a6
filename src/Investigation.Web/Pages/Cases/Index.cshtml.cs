using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>The cases I may see (ListCases), with filters and pages.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Circumstance? Circumstance { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ListCases.Result Result { get; private set; } = new([], 0, 1, 25, []);

    public async Task OnGetAsync() =>
        Result = await mediator.Send(new ListCases.Query(Status, Circumstance, Unit, Search, Math.Max(1, PageNumber)), HttpContext.RequestAborted);

    public string PageLink(int page) =>
        $"?status={Status}&circumstance={Circumstance}&unit={Unit}&q={Uri.EscapeDataString(Search ?? "")}&p={page}";
}
