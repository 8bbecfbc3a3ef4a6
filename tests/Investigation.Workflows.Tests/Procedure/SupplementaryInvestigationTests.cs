using Investigation.Domain.Cases;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using Investigation.Workflows.Tests.Support;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>A reviewer returns a case for supplementary investigation of named levels only.</summary>
public sealed class SupplementaryInvestigationTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Return_OfLevel2Only_ReopensLevel2AloneAndComesBackThroughTheJoin()
    {
        var script = app.Script;
        var id = (await script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await script.RunToAsync(id, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));
        var review = await script.TaskAsync(id, TaskKinds.DisciplineReview, "disciplinereviewer");

        await app.SendAs("disciplinereviewer", new ReviewCase.Command(review, ReviewCase.Verdict.Return,
            "网络安全负责人的履职情况证据不足，请补充调查。", [TraceBackLevel.SecurityLead]));

        var returned = await app.SendAs("investigator", new GetCase.Query(id));
        Assert.Equal(CaseStatus.Investigating, returned.Case.Status);
        var chain = returned.Case.Chain!;
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.SecurityLead].Status);
        Assert.Single(chain[TraceBackLevel.SecurityLead].Superseded);
        Assert.Equal(LevelStatus.Done, chain[TraceBackLevel.PartyConcerned].Status);
        Assert.Equal(LevelStatus.Done, chain[TraceBackLevel.MainLead].Status);
        Assert.Empty(returned.Case.Responsibilities);

        // Only one task is open, for level 2; nothing for levels 1 and 3 or the coordination assessment.
        var open = returned.Tasks.Where(t => t.Status == HumanTaskStatus.Open).ToList();
        Assert.Equal([TaskKinds.SecurityLeadFindings], open.Select(t => t.Kind));

        await script.RecordLevelAsync(id, TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead);

        // Through the join, straight to responsibility again; level 3 was not investigated a second time.
        var after = await app.SendAs("investigator", new GetCase.Query(id));
        Assert.Equal(CaseStatus.DeterminingResponsibility, after.Case.Status);
        Assert.Equal(2, after.Case.Chain![TraceBackLevel.SecurityLead].Round);
        Assert.Equal(1, after.Case.Chain[TraceBackLevel.MainLead].Round);
        Assert.Equal(1, after.Tasks.Count(t => t.Kind == TaskKinds.MainLeadFindings));

        // And the case can go on to closure.
        await script.DetermineAsync(id);
        await script.HearAsync(id);
        await script.SuggestAsync(id);
        await script.EndorseAsync(id);
        await script.ApproveAsync(id);
        await script.DecideAsync(id, new DateOnly(2026, 3, 2));
        await script.AcknowledgeAsync(id);
        Assert.Equal(CaseStatus.Closed, (await app.SendAs("auditor", new GetCase.Query(id))).Case.Status);
    }

    [Fact]
    public async Task Return_OfLevel1AndTheCoordinationLevel_ReopensBothAndWaitsForBoth()
    {
        var script = app.Script;
        var id = (await script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await script.RunToAsync(id, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));
        var review = await script.TaskAsync(id, TaskKinds.DisciplineReview, "disciplinereviewer");

        await app.SendAs("disciplinereviewer", new ReviewCase.Command(review, ReviewCase.Verdict.Return, "补充调查。",
            [TraceBackLevel.PartyConcerned, TraceBackLevel.CoordinatingSupervisingHead]));
        await script.RecordLevelAsync(id, TaskKinds.PartyConcernedFindings, CaseScript.Operator);
        Assert.Equal(CaseStatus.Investigating, (await app.SendAs("investigator", new GetCase.Query(id))).Case.Status);

        await script.AssessCoordinationAsync(id, ineffective: true);
        Assert.Equal(CaseStatus.Investigating, (await app.SendAs("investigator", new GetCase.Query(id))).Case.Status);
        await script.RecordLevelAsync(id, TaskKinds.CoordinatingHeadFindings, DemoOrganisation.Person("周文斌"));

        var after = await app.SendAs("investigator", new GetCase.Query(id));
        Assert.Equal(CaseStatus.DeterminingResponsibility, after.Case.Status);
        Assert.Equal([DemoOrganisation.Person("周文斌")], after.Case.Chain![TraceBackLevel.CoordinatingSupervisingHead].Subjects);
    }

    [Fact]
    public async Task Decline_EndsTheCaseWithTheReason()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));
        var review = await app.Script.TaskAsync(id, TaskKinds.DisciplineReview, "disciplinereviewer");

        await app.SendAs("disciplinereviewer", new ReviewCase.Command(review, ReviewCase.Verdict.Decline, "已由上级纪委另案处理。"));

        var result = await app.SendAs("auditor", new GetCase.Query(id));
        Assert.Equal(CaseStatus.Declined, result.Case.Status);
        Assert.Equal(WorkflowStatus.Completed, result.WorkflowStatus);
    }

    [Fact]
    public async Task Approval_ByTheReviewerWhoEndorsed_IsRefusedAndChangesNothing()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.AwaitingApproval, new DateOnly(2026, 3, 2));
        var approval = await app.Script.TaskAsync(id, TaskKinds.ReviewApproval, "disciplineapprover");
        // A reviewer who also holds the approver role cannot approve their own endorsement.
        await app.Read(async db =>
        {
            var user = db.Users.Single(u => u.UserName == "disciplinereviewer");
            var role = db.Roles.Single(r => r.Name == Identity.Roles.DisciplineApprover);
            db.UserRoles.Add(new() { UserId = user.Id, RoleId = role.Id });
            return await db.SaveChangesAsync();
        });

        var ex = await Assert.ThrowsAsync<Domain.DomainException>(() =>
            app.SendAs("disciplinereviewer", new ApproveReview.Command(approval, true, null)));

        Assert.Contains("second reviewer", ex.Message);
        Assert.Equal(CaseStatus.AwaitingApproval, (await app.SendAs("auditor", new GetCase.Query(id))).Case.Status);
    }
}
