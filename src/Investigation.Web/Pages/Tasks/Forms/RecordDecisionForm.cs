using Investigation.Domain.Accountability;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The forms decided per person and for the Party organisation, the date, and the announcement (RecordDecision).</summary>
public sealed class RecordDecisionForm
{
    public List<MeasureRow> Measures { get; set; } = [];
    [Needed("请填写决定日期。", "Give the date of the decision.")]
    public DateOnly? DecidedOn { get; set; }
    public string? Announcement { get; set; }
    /// <summary>One ground per subject at most on the page (the API takes several); a row without a kind records none.</summary>
    public List<GroundRow> Grounds { get; set; } = [];

    /// <summary>Starts from what the suggestion proposed; the Party organisation decides.</summary>
    public static RecordDecisionForm For(GetTask.Result task, DateOnly today)
    {
        var measures = MeasureRows.For(task, task.Case.Suggestion?.Proposals);
        return new()
        {
            Measures = measures,
            DecidedOn = today,
            Grounds = measures.Select(m => new GroundRow { Target = m.Target, SubjectId = m.SubjectId }).ToList(),
        };
    }

    public IReadOnlyList<int> SentRows => MeasureRows.Sent(Measures);

    public IReadOnlyList<int> SentGrounds => Grounds.Select((g, i) => (g, i)).Where(x => x.g.IsFilled).Select(x => x.i).ToList();

    public RecordDecision.Command ToCommand(Guid taskId) =>
        new(taskId, SentRows.Select(i => Measures[i].ToInput()).ToList(), DecidedOn, Announcement ?? "",
            SentGrounds.Select(i => Grounds[i].ToInput()).ToList());
}

/// <summary>A ground of the decision for one subject (Articles 17–19 of the Accountability Regulations).</summary>
public sealed class GroundRow
{
    public TargetKind Target { get; set; }
    public Guid SubjectId { get; set; }
    public GroundKind? Kind { get; set; }
    public string? Reason { get; set; }

    /// <summary>A reason without a kind is sent too, so that the validator names the missing kind instead of dropping the text.</summary>
    public bool IsFilled => Kind is not null || !string.IsNullOrWhiteSpace(Reason);

    // A missing kind goes on as missing, for the validator to name; it is never read as a default kind.
    public GroundInput ToInput() => new(Target, SubjectId, Kind, Reason ?? "");
}
