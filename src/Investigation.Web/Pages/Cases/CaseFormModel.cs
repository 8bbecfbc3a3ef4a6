using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>
/// A form about one case outside its tasks (the team's report, the decision's delivery, an appeal): shown beside the case
/// (GetCase), sent as one command, then back to the case's page at its section. A refusal shows the form again with every
/// message at once; a case the person may not see is "not found".
/// </summary>
public abstract class CaseFormModel<TInput>(IMediator mediator, TimeProvider clock) : PageModel where TInput : new()
{
    [BindProperty] public TInput Input { get; set; } = new();

    public GetCase.Result Data { get; private set; } = null!;

    /// <summary>Today in China, the day the forms' dates start from.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Text.ChinaTime).DateTime);

    protected Task<IActionResult> LoadAsync(Guid id) =>
        this.SendAsync(mediator, new GetCase.Query(id), r =>
        {
            Data = r;
            return Page();
        }, "");

    /// <param name="section">The anchor of the case page's section the person goes back to.</param>
    protected async Task<IActionResult> SendAsync<T>(Guid id, IRequest<T> command, string section)
    {
        var shown = await LoadAsync(id);
        if (shown is not PageResult) return shown;
        if (!ModelState.IsValid)
        {
            // The form could not be read whole (a date that is not one): the command's own messages too, not one per submit.
            await this.ValidateOnlyAsync(command);
            return shown;
        }
        var sent = await this.SendAsync(mediator, command, _ => Redirect($"/Cases/Details/{id}#{section}"));
        return sent is PageResult ? await LoadAsync(id) : sent;
    }
}
