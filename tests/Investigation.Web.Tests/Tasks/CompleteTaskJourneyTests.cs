using System.Net;
using Investigation.Domain.Cases;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Tasks;

/// <summary>A case from acceptance to closure, each step through its task page, as its role, posting the form as a person would.</summary>
public sealed class CompleteTaskJourneyTests(WebApp app) : IClassFixture<WebApp>
{
    private readonly Dictionary<string, HttpClient> clients = [];

    private async Task<HttpClient> As(string user) =>
        clients.TryGetValue(user, out var client) ? client : clients[user] = await app.SignInAsync(user);

    private async Task<Case> CaseOf(Guid caseId) => (await app.Script.SendAs("auditor", new GetCase.Query(caseId))).Case;

    private async Task<AngleSharp.Html.Dom.IHtmlFormElement> FormAsync(string user, Guid caseId, string kind, string handler) =>
        await TaskForms.FormAsync(await As(user), await app.Script.TaskAsync(caseId, kind, user), handler);

    /// <summary>Completes the open task of a kind through its page and checks the person is sent back to the inbox.</summary>
    private async Task CompleteAsync(string user, Guid caseId, string kind, string handler, Dictionary<string, string> answers, params (string, string)[] more)
    {
        var form = await FormAsync(user, caseId, kind, handler);
        var response = await TaskForms.PostAsync(await As(user), form, answers, more);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{kind} was not completed: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/Tasks", response.Headers.Location?.OriginalString);
        // The confirmation travels to the inbox with the redirect.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider="));
    }

    [Fact]
    public async Task EveryKindOfTask_CompletesThroughItsPage_FromAcceptanceToClosure()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;

        await CompleteAsync("caseofficer", id, TaskKinds.Acceptance, "CompleteAcceptance",
            new() { ["CompleteAcceptance.Accept"] = "true", ["CompleteAcceptance.LeadInvestigator"] = "investigator" },
            ("CompleteAcceptance.Members", "investigator2"));
        var accepted = await CaseOf(id);
        Assert.Equal(CaseStatus.Investigating, accepted.Status);
        Assert.Equal(["investigator2", "investigator"], accepted.Team!.Members);

        // Level 1 names its party concerned; levels 2 and 3 come with the people the chain traces.
        await CompleteAsync("investigator", id, TaskKinds.PartyConcernedFindings, "RecordFindings", new()
        {
            ["RecordFindings.Findings[0].PersonId"] = CaseScript.Operator.ToString(),
            ["RecordFindings.Findings[0].Responsible"] = "true",
            ["RecordFindings.Findings[0].Facts"] = "未落实值班报告制度，篡改发生后两小时未报告。",
            ["RecordFindings.Findings[0].Evidence"] = "询问笔录\n值班记录",
            ["RecordFindings.Findings[0].DutyFailed"] = "ProtectionAndIncidentHandling",
        });
        var level2 = await FormAsync("investigator2", id, TaskKinds.SecurityLeadFindings, "RecordFindings");
        Assert.Contains("张卫东", level2.QuerySelector("legend")!.TextContent);
        await CompleteAsync("investigator2", id, TaskKinds.SecurityLeadFindings, "RecordFindings", new()
        {
            ["RecordFindings.Findings[0].Responsible"] = "true",
            ["RecordFindings.Findings[0].Facts"] = "分管网络安全，未组织安全巡检。",
            ["RecordFindings.Findings[0].Evidence"] = "巡检记录",
            ["RecordFindings.Findings[0].DutyFailed"] = "ProtectionAndIncidentHandling",
        });
        await CompleteAsync("investigator", id, TaskKinds.MainLeadFindings, "RecordFindings", new()
        {
            ["RecordFindings.Findings[0].Responsible"] = "true",
            ["RecordFindings.Findings[0].Facts"] = "未把网络安全纳入重要议事日程。",
            ["RecordFindings.Findings[0].Evidence"] = "党组会议记录",
            ["RecordFindings.Findings[0].DutyFailed"] = "ImplementDirectivesAndLaw",
        });

        // Coordination found ineffective: the head of the provincial office is traced at level 4, and found not responsible.
        await CompleteAsync("investigator", id, TaskKinds.CoordinationAssessment, "AssessCoordination", new()
        {
            ["AssessCoordination.CoordinationIneffective"] = "true",
            ["AssessCoordination.Reason"] = "网信办未按规定通报风险隐患。",
        });
        var level4 = await FormAsync("investigator", id, TaskKinds.CoordinatingHeadFindings, "RecordFindings");
        Assert.Contains("周文斌", level4.QuerySelector("legend")!.TextContent);
        await CompleteAsync("investigator", id, TaskKinds.CoordinatingHeadFindings, "RecordFindings", new()
        {
            ["RecordFindings.Findings[0].Responsible"] = "false",
            ["RecordFindings.Findings[0].Facts"] = "已于事发前一周书面通报风险。",
            ["RecordFindings.Findings[0].Evidence"] = "通报文件",
            ["RecordFindings.Findings[0].ReasonNotResponsible"] = "已履行通报职责。",
        });
        var traced = await CaseOf(id);
        Assert.Equal(CaseStatus.DeterminingResponsibility, traced.Status);
        Assert.False(traced.Chain![TraceBackLevel.CoordinatingSupervisingHead].Findings.Single().Responsible);

        // The lead records the collective decision and overrides one member's derived responsibility, with a reason.
        var determination = await FormAsync("investigator", id, TaskKinds.ResponsibilityDetermination, "DetermineResponsibility");
        var row = determination.QuerySelectorAll("input[type=hidden]")
            .First(i => i.GetAttribute("value") == CaseScript.Member.ToString()).GetAttribute("name")!.Replace(".PersonId", "");
        await CompleteAsync("investigator", id, TaskKinds.ResponsibilityDetermination, "DetermineResponsibility", new()
        {
            ["DetermineResponsibility.Decision.Collective"] = "true",
            ["DetermineResponsibility.Decision.Description"] = "办公厅党组会议决定推迟门户网站安全加固项目。",
            [$"{row}.Kind"] = "None",
            [$"{row}.Reason"] = "会上明确反对推迟，并书面提出加固方案。",
        },
            ("DetermineResponsibility.Decision.Participants", CaseScript.MainLead.ToString()),
            ("DetermineResponsibility.Decision.Participants", CaseScript.SecurityLead.ToString()),
            ("DetermineResponsibility.Decision.Participants", CaseScript.Member.ToString()),
            ("DetermineResponsibility.Decision.Dissenters", CaseScript.Member.ToString()));
        var determined = await CaseOf(id);
        Assert.Equal(CaseStatus.Hearing, determined.Status);
        var member = determined.Responsibilities.Single(r => r.Person == CaseScript.Member);
        Assert.Equal((ResponsibilityKind.ImportantLeadership, ResponsibilityKind.None, "investigator"), (member.Derived, member.Effective, member.Override!.By));
        Assert.Equal(new[] { CaseScript.Operator, CaseScript.SecurityLead, CaseScript.MainLead }.Select(p => p.Value).Order(), determined.PeopleHeldResponsible.Select(p => p.Value).Order());

        await CompleteAsync("investigator", id, TaskKinds.Hearing, "RecordHearing", new()
        {
            ["RecordHearing.Statements[0].Statement"] = "对认定的事实无异议。",
            ["RecordHearing.Statements[1].Statement"] = "请求考虑积极配合处置的情节。",
            ["RecordHearing.Statements[1].Defence"] = "事发时正在外地出差。",
            ["RecordHearing.Statements[2].Declined"] = "true",
        });
        var heard = await CaseOf(id);
        Assert.Equal(CaseStatus.DraftingSuggestion, heard.Status);
        Assert.Equal(3, heard.Statements.Count);
        Assert.Single(heard.Statements, s => s.Declined);

        // The team's report and its collective discussion come before the suggestion (Article 11).
        var teamMember = await As("investigator");
        var reportForm = await WebApp.FormAsync(teamMember, $"/Cases/RecordInvestigationReport/{id}", "main form");
        var reported = await TaskForms.PostAsync(teamMember, reportForm, new()
        {
            ["Input.Facts"] = "值班员未及时报告，分管领导未组织巡检。",
            ["Input.Conclusion"] = "建议对三人问责。",
            ["Input.DiscussionConclusion"] = "调查组一致同意。",
        });
        Assert.True(reported.StatusCode == HttpStatusCode.Redirect, await reported.Content.ReadAsStringAsync());
        Assert.Equal(["investigator2", "investigator"], (await CaseOf(id)).Report!.Participants.Order().Reverse());

        // Rows 0 to 2 are the people held responsible, row 3 the unit's Party organisation; row 2 is left blank.
        await CompleteAsync("caseofficer", id, TaskKinds.AccountabilitySuggestion, "SubmitSuggestion", new()
        {
            ["SubmitSuggestion.Proposals[0].Reason"] = "直接责任，情节较重。",
            ["SubmitSuggestion.Proposals[1].Reason"] = "主要领导责任。",
            ["SubmitSuggestion.Proposals[3].Reason"] = "领导班子未落实网络安全责任制。",
        },
            ("SubmitSuggestion.Proposals[0].Forms", "Admonishment"),
            ("SubmitSuggestion.Proposals[1].Forms", "CirculatedCriticism"),
            ("SubmitSuggestion.Proposals[1].Forms", "Admonishment"),
            ("SubmitSuggestion.Proposals[3].Forms", "Inspection"));
        var suggested = await CaseOf(id);
        Assert.Equal(CaseStatus.UnderReview, suggested.Status);
        Assert.Equal(3, suggested.Suggestion!.Proposals.Count);
        Assert.Contains(suggested.Suggestion.Proposals, p => p.Subject == Domain.Accountability.AccountabilitySubject.Organisation(DemoOrganisation.ProvincialGovernmentOffice));

        await CompleteAsync("disciplinereviewer", id, TaskKinds.DisciplineReview, "ReviewCase",
            new() { ["ReviewCase.Decision"] = "Endorse", ["ReviewCase.Reason"] = "事实清楚，建议适当。" });
        Assert.Equal(CaseStatus.AwaitingApproval, (await CaseOf(id)).Status);

        await CompleteAsync("disciplineapprover", id, TaskKinds.ReviewApproval, "ApproveReview", new() { ["ApproveReview.Approve"] = "true" });
        Assert.Equal(CaseStatus.AwaitingDecision, (await CaseOf(id)).Status);

        // The decision form starts from the suggestion; the committee keeps it and records the announcement. The
        // Party organisation is held accountable, so its responsible member left out (row 2) needs a ground (Article 6(2), Article 17).
        var refused = await TaskForms.PostAsync(await As("partycommittee"), await FormAsync("partycommittee", id, TaskKinds.Decision, "RecordDecision"),
            new() { ["RecordDecision.Announcement"] = "已于省委常委会议上宣布，并书面通知本人。" });
        Assert.Contains("第六条第二款", await refused.Content.ReadAsStringAsync());
        Assert.Equal(CaseStatus.AwaitingDecision, (await CaseOf(id)).Status);
        await CompleteAsync("partycommittee", id, TaskKinds.Decision, "RecordDecision", new()
        {
            ["RecordDecision.Announcement"] = "已于省委常委会议上宣布，并书面通知本人。",
            ["RecordDecision.Grounds[2].Kind"] = "Exemption",
            ["RecordDecision.Grounds[2].Reason"] = "在集体决策中明确提出保留意见。",
        });
        var decided = await CaseOf(id);
        Assert.Equal((Domain.Accountability.GroundKind.Exemption, "在集体决策中明确提出保留意见。"), (decided.Decision!.Grounds.Single().Kind, decided.Decision.Grounds.Single().Reason));
        Assert.Equal(CaseStatus.Decided, decided.Status);
        Assert.Equal(suggested.Suggestion.Proposals.Select(p => (p.Subject, string.Join(",", p.Forms))),
            decided.Decision!.Measures.Select(m => (m.Subject, string.Join(",", m.Forms))));
        Assert.Equal(new DateOnly(2026, 3, 2), decided.Decision.DecidedOn);

        await CompleteAsync("cadremanagement", id, TaskKinds.Acknowledgement, "AcknowledgeResult", new() { ["AcknowledgeResult.Note"] = "已归入干部档案。" });
        var closed = await CaseOf(id);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal("已归入干部档案。", closed.Acknowledgement!.Note);
    }

    [Fact]
    public async Task Acceptance_Rejected_WithAReason_EndsTheCase()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "拒绝受理")).CaseId;

        await CompleteAsync("caseofficer", id, TaskKinds.Acceptance, "CompleteAcceptance",
            new() { ["CompleteAcceptance.Accept"] = "false", ["CompleteAcceptance.Reason"] = "已由其他案件一并处理。" });

        var c = await CaseOf(id);
        Assert.Equal(CaseStatus.Rejected, c.Status);
        Assert.Equal("已由其他案件一并处理。", c.RejectionReason);
    }

    [Fact]
    public async Task Review_ReturnsTheNamedLevel_ThenApprovalRefused_ThenDeclined()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "退回与不予支持")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));

        await CompleteAsync("disciplinereviewer", id, TaskKinds.DisciplineReview, "ReviewCase",
            new() { ["ReviewCase.Decision"] = "Return", ["ReviewCase.Reason"] = "网络安全负责人的证据不足。" },
            ("ReviewCase.Levels", "SecurityLead"));
        var returned = await CaseOf(id);
        Assert.Equal(CaseStatus.Investigating, returned.Status);
        Assert.Equal(LevelStatus.Open, returned.Chain![TraceBackLevel.SecurityLead].Status);
        Assert.Equal(LevelStatus.Done, returned.Chain[TraceBackLevel.PartyConcerned].Status);

        // The reopened level traces the same person again, with the earlier finding beside the form.
        var page = await WebApp.PageAsync(await As("investigator"), TaskForms.Url(await app.Script.TaskAsync(id, TaskKinds.SecurityLeadFindings, "investigator")));
        Assert.Contains("张卫东", page.QuerySelector("main form[action*='handler=RecordFindings'] legend")!.TextContent);
        Assert.Contains("此前的认定（1）", page.QuerySelector("aside")!.TextContent);

        await app.Script.RecordLevelAsync(id, TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead);
        await app.Script.DetermineAsync(id);
        await app.Script.HearAsync(id);
        await app.Script.SuggestAsync(id);
        await app.Script.EndorseAsync(id);

        await CompleteAsync("disciplineapprover", id, TaskKinds.ReviewApproval, "ApproveReview",
            new() { ["ApproveReview.Approve"] = "false", ["ApproveReview.Reason"] = "建议的问责方式偏轻。" });
        Assert.Equal(CaseStatus.UnderReview, (await CaseOf(id)).Status);

        await CompleteAsync("disciplinereviewer2", id, TaskKinds.DisciplineReview, "ReviewCase",
            new() { ["ReviewCase.Decision"] = "Decline", ["ReviewCase.Reason"] = "不符合问责条件。" });
        var declined = await CaseOf(id);
        Assert.Equal(CaseStatus.Declined, declined.Status);
        Assert.Equal("disciplinereviewer2", declined.Reviews[^1].Reviewer);
    }
}
