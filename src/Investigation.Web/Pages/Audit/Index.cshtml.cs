using System.Text.RegularExpressions;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Features.Audit;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Audit;

/// <summary>
/// The audit record (GetAuditRecord), of everything or of one case, and its verification
/// (VerifyAuditChain), which htmx swaps into the page. Auditors and administrators only: the use
/// cases refuse anyone else, and the page answers 403 with the reason.
/// </summary>
public sealed partial class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? CaseId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public GetAuditRecord.Result? Record { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync();

    /// <summary>With htmx, just the verdict; without, the whole page with the verdict on it.</summary>
    public async Task<IActionResult> OnGetVerifyAsync()
    {
        var result = await this.SendAsync(mediator, new VerifyAuditChain.Query(), verification =>
        {
            Verification = verification;
            return Partial("_Verification", verification);
        });
        // Refused (the page with the reason, 403), or asked by htmx: done. Otherwise show it on the whole page.
        return Verification is null || Request.Headers.ContainsKey("HX-Request") ? result : await LoadAsync();
    }

    private Task<IActionResult> LoadAsync() =>
        this.ListAsync(mediator, new GetAuditRecord.Query(CaseId, PageNumber), record => Record = record);

    public string PageLink(int page) => $"?caseId={CaseId}&p={page}";

    /// <summary>
    /// The stored data with JSON's \uXXXX escapes shown as the characters they stand for: the same
    /// value, readable in Chinese. (The hash is over the stored text, which verification checks.)
    /// </summary>
    public static string Readable(string data) =>
        UnicodeEscape().Replace(data, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex UnicodeEscape();
}
