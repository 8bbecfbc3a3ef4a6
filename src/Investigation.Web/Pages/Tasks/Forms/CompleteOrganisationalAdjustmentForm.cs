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

/// <summary>
/// The deciding organisation's answer to an appeal (DecideAppeal): uphold, or change the appellant's forms, with a
/// ground of the 2019 Regulations' Articles 17 to 19 for the appellant when the change rests on one (withdrawing the
/// measure needs no accountability or exemption, Article 17).
/// </summary>
public sealed class DecideAppealForm
{
    public bool Change { get; set; }
    public List<Investigation.Domain.Accountability.AccountabilityForm> Forms { get; set; } = [];
    public string? Reason { get; set; }
    /// <summary>Named as the command's ground, so that the validator's messages land at these fields.</summary>
    public AppealGroundRow Ground { get; set; } = new();
    public string? Answer { get; set; }
    [Needed("请填写申诉处理日期。", "Give the date of the answer.")]
    public DateOnly? DecidedOn { get; set; }

    /// <summary>The appellant is the one pending appeal's; the page sends the forms and the ground chosen for them.</summary>
    public DecideAppeal.Command ToCommand(Guid taskId, Investigation.Domain.Cases.Appeal? pending) =>
        new(taskId, Change,
            Change && pending is not null && Forms.Count > 0 ? new MeasureInput(pending.Appellant.Kind, pending.Appellant.Id, Forms, Reason ?? "") : null,
            pending is not null && Ground.IsFilled ? new GroundInput(pending.Appellant.Kind, pending.Appellant.Id, Ground.Kind, Ground.Reason ?? "") : null,
            Answer ?? "", DecidedOn);
}

/// <summary>The appellant's ground on an appeal's answer: a kind of Articles 17–19 and its facts.</summary>
public sealed class AppealGroundRow
{
    public Investigation.Domain.Accountability.GroundKind? Kind { get; set; }
    public string? Reason { get; set; }

    /// <summary>A reason without a kind is sent too, so that the validator names the missing kind instead of dropping the text.</summary>
    public bool IsFilled => Kind is not null || !string.IsNullOrWhiteSpace(Reason);
}
