using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>The delivery of the 问责决定书 (RecordDelivery); the one-month limits run from its date.</summary>
public sealed class RecordDeliveryModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public GetCase.Result Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Input = new() { DeliveredOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Text.ChinaTime).DateTime) };
        return await LoadAsync(id);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var shown = await LoadAsync(id);
        if (shown is not PageResult || !ModelState.IsValid) return shown;
        var sent = await this.SendAsync(mediator, new RecordDelivery.Command(id, Input.DeliveredOn, Input.Recipients ?? ""), _ => Redirect($"/Cases/Details/{id}#execution"));
        return sent is PageResult ? await LoadAsync(id) : sent;
    }

    private Task<IActionResult> LoadAsync(Guid id) =>
        this.SendAsync(mediator, new GetCase.Query(id), r =>
        {
            Data = r;
            return Page();
        }, "");

    public sealed class InputModel
    {
        [Needed("请填写送达日期。", "Give the date of delivery.")]
        public DateOnly? DeliveredOn { get; set; }
        public string? Recipients { get; set; }
    }
}
