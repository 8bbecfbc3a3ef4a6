using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The organisation department's report that the formalities are done (CompleteOrganisationalAdjustment).</summary>
public sealed class CompleteOrganisationalAdjustmentForm
{
    [Needed("请填写办结日期。", "Give the date the formalities were completed.")]
    public DateOnly? CompletedOn { get; set; }
    public string? Note { get; set; }

    public CompleteOrganisationalAdjustment.Command ToCommand(Guid taskId) => new(taskId, CompletedOn, Note ?? "");
}

/// <summary>The deciding organisation's answer to an appeal (DecideAppeal): uphold, or change the appellant's forms.</summary>
public sealed class DecideAppealForm
{
    public bool Change { get; set; }
    public List<Investigation.Domain.Accountability.AccountabilityForm> Forms { get; set; } = [];
    public string? Reason { get; set; }
    public string? Answer { get; set; }
    [Needed("请填写申诉处理日期。", "Give the date of the answer.")]
    public DateOnly? DecidedOn { get; set; }

    /// <summary>The appellant is the one pending appeal's; the page sends the forms chosen for them.</summary>
    public DecideAppeal.Command ToCommand(Guid taskId, Investigation.Domain.Cases.Appeal? pending) =>
        new(taskId, Change,
            Change && pending is not null && Forms.Count > 0 ? new MeasureInput(pending.Appellant.Kind, pending.Appellant.Id, Forms, Reason ?? "") : null,
            null, Answer ?? "", DecidedOn);
}
