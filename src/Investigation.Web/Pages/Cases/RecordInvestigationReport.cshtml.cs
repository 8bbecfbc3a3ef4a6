using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>
/// The investigation team's report and its collective discussion (RecordInvestigationReport). The form starts
/// from the report on record, or else from the one of the round before a return.
/// </summary>
public sealed class RecordInvestigationReportModel(IMediator mediator, TimeProvider clock)
    : CaseFormModel<RecordInvestigationReportModel.InputModel>(mediator, clock)
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var shown = await LoadAsync(id);
        if (shown is not PageResult) return shown;
        var c = Data.Case;
        var earlier = c.Report ?? c.PreviousRounds.LastOrDefault(r => r.Report is not null)?.Report;
        Input = earlier is null
            ? new() { Participants = c.Team?.Members.ToList() ?? [], DiscussedOn = Today }
            : new()
            {
                Facts = earlier.Facts, Conclusion = earlier.Conclusion, Participants = earlier.Participants.ToList(),
                DiscussionConclusion = earlier.DiscussionConclusion,
                DiscussedOn = c.Report is null ? Today : earlier.DiscussedOn,
            };
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id) =>
        SendAsync(id, new RecordInvestigationReport.Command(id, Input.Facts ?? "", Input.Conclusion ?? "",
            Input.Participants, Input.DiscussionConclusion ?? "", Input.DiscussedOn), "report");

    public sealed class InputModel
    {
        public string? Facts { get; set; }
        public string? Conclusion { get; set; }
        public List<string> Participants { get; set; } = [];
        public string? DiscussionConclusion { get; set; }
        [Needed("请填写集体讨论的日期。", "Give the date of the discussion.")]
        public DateOnly? DiscussedOn { get; set; }
    }
}
