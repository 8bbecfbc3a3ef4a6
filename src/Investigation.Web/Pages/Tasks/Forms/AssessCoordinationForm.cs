using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Whether coordination or supervision was ineffective, and why (AssessCoordination).</summary>
public sealed class AssessCoordinationForm
{
    public bool CoordinationIneffective { get; set; }
    public bool SupervisionIneffective { get; set; }
    public string? Reason { get; set; }

    public AssessCoordination.Command ToCommand(Guid taskId) => new(taskId, CoordinationIneffective, SupervisionIneffective, Reason ?? "");
}
