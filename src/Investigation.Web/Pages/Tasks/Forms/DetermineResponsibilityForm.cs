using Investigation.Domain.Responsibility;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The record of the decision at fault, and overrides of what Article 9 derives (DetermineResponsibility).</summary>
public sealed class DetermineResponsibilityForm
{
    public DecisionForm Decision { get; set; } = new();
    /// <summary>One row per person whose responsibility may be derived; only rows with a kind chosen are overrides.</summary>
    public List<OverrideRow> Overrides { get; set; } = [];

    public sealed class DecisionForm
    {
        [Needed("请选择是否为领导班子集体决策。", "Choose whether the leadership team decided collectively.")]
        public bool? Collective { get; set; }
        public List<Guid> Participants { get; set; } = [];
        public List<Guid> Dissenters { get; set; } = [];
        public string? Description { get; set; }

        public DetermineResponsibility.DecisionInput ToInput() => new(Collective, Participants, Dissenters, Description ?? "");
    }

    public sealed class OverrideRow
    {
        public Guid PersonId { get; set; }
        public ResponsibilityKind? Kind { get; set; }
        public string? Reason { get; set; }
    }

    public static DetermineResponsibilityForm For(GetTask.Result task) =>
        new() { Overrides = task.Subjects.Select(p => new OverrideRow { PersonId = p.Id.Value }).ToList() };

    /// <summary>The form's rows that the command carries, in the command's order.</summary>
    // A row with a reason but no kind is sent too, so that its missing kind is named rather than the reason silently dropped.
    public IReadOnlyList<int> SentRows => Overrides.Select((o, i) => (o, i)).Where(x => x.o.Kind is not null || !string.IsNullOrWhiteSpace(x.o.Reason)).Select(x => x.i).ToList();

    public DetermineResponsibility.Command ToCommand(Guid taskId) => new(taskId, Decision.ToInput(),
        SentRows.Select(i => new DetermineResponsibility.OverrideInput(Overrides[i].PersonId, Overrides[i].Kind, Overrides[i].Reason ?? "")).ToList());
}
