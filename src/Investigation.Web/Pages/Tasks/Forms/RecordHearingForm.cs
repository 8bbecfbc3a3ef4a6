using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The statement and defence of each person held responsible, or that they declined (RecordHearing).</summary>
public sealed class RecordHearingForm
{
    public List<Row> Statements { get; set; } = [];

    public sealed class Row
    {
        public Guid PersonId { get; set; }
        public bool Declined { get; set; }
        public string? Statement { get; set; }
        public string? Defence { get; set; }
    }

    /// <summary>After a return, each person's row starts from what they said in the previous round (to be confirmed or changed).</summary>
    public static RecordHearingForm For(GetTask.Result task)
    {
        var earlier = task.Case.PreviousRounds.LastOrDefault()?.Statements ?? [];
        return new()
        {
            Statements = task.Subjects.Select(p => earlier.FirstOrDefault(s => s.Person == p.Id) is { } s
                ? new Row { PersonId = p.Id.Value, Declined = s.Declined, Statement = s.Declined ? null : s.Text, Defence = s.Defence }
                : new Row { PersonId = p.Id.Value }).ToList(),
        };
    }

    public RecordHearing.Command ToCommand(Guid taskId) =>
        new(taskId, Statements.Select(s => new RecordHearing.StatementInput(s.PersonId, s.Declined ? null : s.Statement, s.Declined ? null : s.Defence, s.Declined)).ToList());
}
