using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>The cases I may see (ListCases), with filters and pages.</summary>
public sealed class IndexModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Circumstance? Circumstance { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    /// <summary>"open" or "closed" (the dashboard's figures count one or the other); anything else lists both.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    private bool? Open => State switch { "open" => true, "closed" => false, _ => null };
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ListCases.Result Result { get; private set; } = new([], 0, 1, 25, []);

    /// <summary>The list as filtered, every page of it (up to 5,000 cases), as an .xlsx workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var page = 1; page <= 25; page++)
        {
            var result = await mediator.Send(new ListCases.Query(Status, Circumstance, Unit, Search, page, 200, Open), HttpContext.RequestAborted);
            rows.AddRange(result.Items.Select(i => (IReadOnlyList<object?>)
            [
                i.Number, i.Title, i.UnitName, Text.T(i.Status.Name()),
                string.Join(Text.T("、", ", "), i.CircumstancesMet.Select(c => $"({(int)c}) {Text.T(c.Name())}")), Text.When(i.RegisteredAt),
            ]));
            if (page * result.PageSize >= result.Total) break;
        }
        var workbook = Workbook.Of(Text.T("案件", "Cases"),
            [Text.T("案件编号", "Number"), Text.T("标题", "Title"), Text.T("单位", "Unit"), Text.T("状态", "Status"), Text.T("符合情形", "Circumstances met"), Text.T("登记时间（北京时间）", "Registered (China time)")],
            rows);
        return File(workbook, Workbook.ContentType, $"cases-{Text.ChinaTimeOf(clock.GetUtcNow()):yyyyMMdd}.xlsx");
    }

    public string ExportLink => $"/Cases?handler=Export&status={Status}&circumstance={Circumstance}&unit={Unit}&state={Open switch { true => "open", false => "closed", _ => "" }}&q={Uri.EscapeDataString(Search ?? "")}";

    public Task<IActionResult> OnGetAsync() =>
        this.ListAsync(mediator, new ListCases.Query(Status, Circumstance, Unit, Search, PageNumber, Open: Open), r => Result = r);

    public string PageLink(int page) =>
        $"?status={Status}&circumstance={Circumstance}&unit={Unit}&state={Open switch { true => "open", false => "closed", _ => "" }}&q={Uri.EscapeDataString(Search ?? "")}&p={page}";
}
