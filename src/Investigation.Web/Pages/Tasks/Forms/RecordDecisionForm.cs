using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The forms decided per person and for the Party organisation, the date, and the announcement (RecordDecision).</summary>
public sealed class RecordDecisionForm
{
    public List<MeasureRow> Measures { get; set; } = [];
    [Needed("请填写决定日期。", "Give the date of the decision.")]
    public DateOnly? DecidedOn { get; set; }
    public string? Announcement { get; set; }

    /// <summary>Starts from what the suggestion proposed; the Party organisation decides.</summary>
    public static RecordDecisionForm For(GetTask.Result task, DateOnly today) =>
        new() { Measures = MeasureRows.For(task, task.Case.Suggestion?.Proposals), DecidedOn = today };

    public IReadOnlyList<int> SentRows => MeasureRows.Sent(Measures);

    public RecordDecision.Command ToCommand(Guid taskId) =>
        new(taskId, SentRows.Select(i => Measures[i].ToInput()).ToList(), DecidedOn, Announcement ?? "");
}
