using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>
/// Forms of accountability for one subject: a person held responsible, or the unit's Party organisation.
/// A row left blank proposes (or decides) nothing for its subject and is not sent.
/// </summary>
public sealed class MeasureRow
{
    public TargetKind Target { get; set; }
    public Guid SubjectId { get; set; }
    public List<AccountabilityForm> Forms { get; set; } = [];
    public string? Reason { get; set; }

    public bool IsFilled => Forms.Count > 0 || !string.IsNullOrWhiteSpace(Reason);

    public MeasureInput ToInput() => new(Target, SubjectId, Forms, Reason ?? "");
}

/// <summary>The rows of a suggestion or decision form, as its partial shows them under the form's list name.</summary>
public sealed record MeasureRowsView(CompleteModel Page, string Prefix, List<MeasureRow> Rows);

public static class MeasureRows
{
    /// <summary>A row per person held responsible, then one for the unit's Party organisation; filled from earlier measures if any.</summary>
    public static List<MeasureRow> For(GetTask.Result task, IReadOnlyList<Measure>? earlier = null)
    {
        MeasureRow Row(AccountabilitySubject subject)
        {
            var measure = earlier?.FirstOrDefault(m => m.Subject == subject);
            return new() { Target = subject.Kind, SubjectId = subject.Id, Forms = measure?.Forms.ToList() ?? [], Reason = measure?.Reason };
        }
        return task.Subjects.Select(p => Row(AccountabilitySubject.Cadre(p.Id)))
            .Append(Row(AccountabilitySubject.Organisation(task.Case.UnitId))).ToList();
    }

    public static IReadOnlyList<int> Sent(List<MeasureRow> rows) =>
        rows.Select((r, i) => (r, i)).Where(x => x.r.IsFilled).Select(x => x.i).ToList();

    public static string SubjectName(GetTask.Result task, MeasureRow row) => row.Target == TargetKind.Cadre
        ? task.PersonName(new PersonId(row.SubjectId))
        : Infrastructure.Text.T($"{task.UnitName}党组织（领导班子）", $"Party organisation (leadership team) of {task.UnitName}");
}
