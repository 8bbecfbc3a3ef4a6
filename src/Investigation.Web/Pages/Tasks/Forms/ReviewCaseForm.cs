using Investigation.Domain.TraceBack;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Endorse, return named levels for supplementary investigation, or decline (ReviewCase).</summary>
public sealed class ReviewCaseForm
{
    [Needed("请选择审核意见。", "Choose the outcome of the review.")]
    public ReviewCase.Verdict? Decision { get; set; }
    public List<TraceBackLevel> Levels { get; set; } = [];
    public string? Reason { get; set; }

    public ReviewCase.Command ToCommand(Guid taskId) =>
        new(taskId, Decision, Reason, Decision == ReviewCase.Verdict.Return ? Levels : null);
}
