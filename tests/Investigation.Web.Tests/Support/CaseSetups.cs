using Investigation.Domain.Accountability;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Support;

/// <summary>Case states that several tests set up alike.</summary>
public static class CaseSetups
{
    /// <summary>
    /// The decision, with organisational adjustment (组织调整或者组织处理) for the first person held responsible, so that its delivery
    /// starts the organisation department's task (Article 14).
    /// </summary>
    public static async Task DecideWithAdjustmentAsync(this CaseScript script, Guid caseId, DateOnly decidedOn)
    {
        var held = (await script.SendAs("partycommittee", new GetCase.Query(caseId))).Case.PeopleHeldResponsible;
        await script.SendAs("partycommittee", new RecordDecision.Command(await script.TaskAsync(caseId, TaskKinds.Decision, "partycommittee"),
            held.Select((p, i) => new MeasureInput(TargetKind.Cadre, p.Value, [i == 0 ? AccountabilityForm.OrganisationalAdjustment : AccountabilityForm.Admonishment], "经研究决定。")).ToList(),
            decidedOn, "已宣布。"));
    }
}
