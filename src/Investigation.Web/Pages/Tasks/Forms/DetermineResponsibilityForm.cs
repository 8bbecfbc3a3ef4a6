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

    /// <summary>After a return, the form starts from the previous round's decision at fault and overrides (still to be confirmed).</summary>
    public static DetermineResponsibilityForm For(GetTask.Result task)
    {
        var earlier = task.Case.PreviousRounds.LastOrDefault();
        return new()
        {
            Decision = earlier?.DecisionAtFault is { } d
                ? new() { Collective = d.Collective, Participants = d.Participants.Select(p => p.Value).ToList(), Dissenters = d.Dissenters.Select(p => p.Value).ToList(), Description = d.Description }
                : new(),
            Overrides = task.Subjects.Select(p =>
            {
                var before = earlier?.Responsibilities.FirstOrDefault(r => r.Person == p.Id)?.Override;
                return new OverrideRow { PersonId = p.Id.Value, Kind = before?.Kind, Reason = before?.Reason };
            }).ToList(),
        };
    }

    /// <summary>The form's rows that the command carries, in the command's order.</summary>
    // A row with a reason but no kind is sent too, so that its missing kind is named rather than the reason silently dropped.
    public IReadOnlyList<int> SentRows => Overrides.Select((o, i) => (o, i)).Where(x => x.o.Kind is not null || !string.IsNullOrWhiteSpace(x.o.Reason)).Select(x => x.i).ToList();

    public DetermineResponsibility.Command ToCommand(Guid taskId) => new(taskId, Decision.ToInput(),
        SentRows.Select(i => new DetermineResponsibility.OverrideInput(Overrides[i].PersonId, Overrides[i].Kind, Overrides[i].Reason ?? "")).ToList());
}
