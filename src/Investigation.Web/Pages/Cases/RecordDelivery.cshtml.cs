using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Investigation.Web.Pages.Cases;

/// <summary>The delivery of the 问责决定书 (RecordDelivery); the one-month limits run from its date.</summary>
public sealed class RecordDeliveryModel(IMediator mediator, TimeProvider clock) : CaseFormModel<RecordDeliveryModel.InputModel>(mediator, clock)
{
    public Task<IActionResult> OnGetAsync(Guid id)
    {
        Input = new() { DeliveredOn = Today };
        return LoadAsync(id);
    }

    public Task<IActionResult> OnPostAsync(Guid id) =>
        SendAsync(id, new RecordDelivery.Command(id, Input.DeliveredOn, Input.Recipients ?? ""), "execution");

    public sealed class InputModel
    {
        [Needed("请填写送达日期。", "Give the date of delivery.")]
        public DateOnly? DeliveredOn { get; set; }
        public string? Recipients { get; set; }
    }
}
