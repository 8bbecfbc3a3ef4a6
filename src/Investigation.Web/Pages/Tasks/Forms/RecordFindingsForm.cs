using Investigation.Domain.Incidents;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>One finding per person at a trace-back level (RecordFindings); its list is named as the command's, so errors land on their rows.</summary>
public sealed class RecordFindingsForm
{
    public List<Row> Findings { get; set; } = [];

    public sealed class Row
    {
        /// <summary>Empty until chosen, so that the command's own message asks for it.</summary>
        public Guid? PersonId { get; set; }
        [Needed("请选择是否负有责任。", "Choose whether the person is responsible.")]
        public bool? Responsible { get; set; }
        public string? Facts { get; set; }
        /// <summary>One reference per line.</summary>
        public string? Evidence { get; set; }
        public Article3Duty? DutyFailed { get; set; }
        public string? ReasonNotResponsible { get; set; }
    }

    /// <summary>
    /// Levels 2 to 4 trace the people the chain names; level 1 names its own, starting from those of an
    /// earlier round when the level was reopened.
    /// </summary>
    public static RecordFindingsForm For(GetTask.Result task)
    {
        var people = task.Level == TraceBackLevel.PartyConcerned
            ? task.Case.Chain?[TraceBackLevel.PartyConcerned].Subjects.Select(p => p.Value).ToList() ?? []
            : task.Subjects.Select(p => p.Id.Value).ToList();
        // A level returned for supplementary investigation starts from its last round's findings: the investigator
        // adds to them or corrects them rather than typing the facts and evidence again.
        var earlier = task.Level is { } level ? task.Case.Chain?[level].Superseded ?? [] : [];
        Row RowFor(Guid person) => earlier.LastOrDefault(f => f.Person.Value == person) is { } f
            ? new Row
            {
                PersonId = person, Responsible = f.Responsible, Facts = f.Facts, Evidence = string.Join("\n", f.Evidence),
                DutyFailed = f.DutyFailed, ReasonNotResponsible = f.ReasonNotResponsible,
            }
            : new Row { PersonId = person };
        return new() { Findings = people.Count == 0 ? [new Row()] : people.Select(RowFor).ToList() };
    }

    public RecordFindings.Command ToCommand(Guid taskId) => new(taskId, Findings.Select(f =>
        new RecordFindings.FindingInput(f.PersonId ?? Guid.Empty, f.Responsible, f.Facts ?? "", FieldErrors.Lines(f.Evidence),
            f.Responsible == true ? f.DutyFailed : null, f.Responsible == true ? null : f.ReasonNotResponsible)).ToList());
}
