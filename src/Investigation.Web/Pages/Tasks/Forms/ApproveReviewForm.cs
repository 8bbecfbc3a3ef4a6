using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Approve the endorsement (with an opinion, if given), or refuse it with a reason (ApproveReview).</summary>
public sealed class ApproveReviewForm
{
    [Needed("请选择批准或不予批准。", "Choose to approve or to refuse.")]
    public bool? Approve { get; set; }
    public string? Reason { get; set; }

    // The opinion goes with an approval as with a refusal (where it is the reason).
    public ApproveReview.Command ToCommand(Guid taskId) => new(taskId, Approve, Reason);
}
