using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Accept with a lead and team members, or reject with a reason (CompleteAcceptance).</summary>
public sealed class CompleteAcceptanceForm
{
    [Needed("请选择受理或不予受理。", "Choose to accept or to reject the case.")]
    public bool? Accept { get; set; }
    public string? LeadInvestigator { get; set; }
    public List<string> Members { get; set; } = [];
    public string? Reason { get; set; }

    /// <summary>Accepting is offered first where Article 8 gives grounds; otherwise rejecting.</summary>
    public static CompleteAcceptanceForm For(GetTask.Result task) => new() { Accept = task.Case.CanAccept ? true : null };

    public CompleteAcceptance.Command ToCommand(Guid taskId) => Accept == true
        ? new(taskId, true, LeadInvestigator, Members, Reason)
        : Accept == false ? new(taskId, false, null, null, Reason)
        // No choice made: the command's validator names it, beside whatever else is missing.
        : new(taskId, null, LeadInvestigator, Members, Reason);
}
