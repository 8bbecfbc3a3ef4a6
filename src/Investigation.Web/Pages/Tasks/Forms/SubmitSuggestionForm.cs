using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The forms of accountability proposed for each person held responsible and for the unit's Party organisation (SubmitSuggestion).</summary>
public sealed class SubmitSuggestionForm
{
    public List<MeasureRow> Proposals { get; set; } = [];

    /// <summary>After a return, the rows start from the previous round's suggestion.</summary>
    public static SubmitSuggestionForm For(GetTask.Result task) =>
        new() { Proposals = MeasureRows.For(task, task.Case.PreviousRounds.LastOrDefault()?.Suggestion?.Proposals) };

    public IReadOnlyList<int> SentRows => MeasureRows.Sent(Proposals);

    public SubmitSuggestion.Command ToCommand(Guid taskId) => new(taskId, SentRows.Select(i => Proposals[i].ToInput()).ToList());
}
