using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Api;

/// <summary>A whole case through the API, each step by the role that takes it, each with its own bearer token.</summary>
public sealed class CaseJourneyApiTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task WholeCase_FromRegistrationToAcknowledgement_ClosesTheCase()
    {
        var officer = await app.BearerAsync("caseofficer");
        var investigator = await app.BearerAsync("investigator");
        var reviewer = await app.BearerAsync("disciplinereviewer");
        var approver = await app.BearerAsync("disciplineapprover");
        var committee = await app.BearerAsync("partycommittee");
        var cadres = await app.BearerAsync("cadremanagement");
        var auditor = await app.BearerAsync("auditor");
        var now = app.Clock.GetUtcNow();

        // Registration: the Article 8 evaluation comes back with the number.
        var registered = await officer.PostJsonAsync("/api/v1/cases", ApiClient.PortalOutage(now)).Expect(HttpStatusCode.Created);
        var body = await ApiClient.JsonAsync(registered);
        var caseId = body["caseId"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/cases/{caseId}", registered.Headers.Location?.OriginalString);
        Assert.Equal("2026-0001", body["number"]!.GetValue<string>());
        Assert.Equal("SeriousCircumstance", body["evaluation"]!["basis"]!.GetValue<string>());

        // Acceptance, claimed first.
        var acceptance = await officer.TaskAsync(caseId, TaskKinds.Acceptance);
        await officer.PostAsync($"/api/v1/tasks/{acceptance}/claim", null).Expect(HttpStatusCode.NoContent);
        await officer.PostJsonAsync($"/api/v1/tasks/{acceptance}/acceptance",
            new { accept = true, leadInvestigator = "investigator", members = new[] { "investigator2" } }).Expect(HttpStatusCode.NoContent);

        // Trace-back level by level, and the coordination assessment.
        foreach (var (kind, person) in new[]
                 {
                     (TaskKinds.PartyConcernedFindings, CaseScript.Operator),
                     (TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead),
                     (TaskKinds.MainLeadFindings, CaseScript.MainLead),
                 })
            await investigator.PostJsonAsync($"/api/v1/tasks/{await investigator.TaskAsync(caseId, kind)}/findings", new
            {
                findings = new[]
                {
                    new { personId = person.Value, responsible = true, facts = "未落实网站安全巡检和值班报告制度。", evidence = new[] { "询问笔录" }, dutyFailed = "ProtectionAndIncidentHandling" },
                },
            }).Expect(HttpStatusCode.NoContent);
        await investigator.PostJsonAsync($"/api/v1/tasks/{await investigator.TaskAsync(caseId, TaskKinds.CoordinationAssessment)}/coordination-assessment",
            new { coordinationIneffective = false, supervisionIneffective = false, reason = "网信办已按规定通报风险隐患。" }).Expect(HttpStatusCode.NoContent);

        // Article 9: a collective decision with a dissenting member.
        await investigator.PostJsonAsync($"/api/v1/tasks/{await investigator.TaskAsync(caseId, TaskKinds.ResponsibilityDetermination)}/responsibility", new
        {
            decision = new
            {
                collective = true,
                participants = new[] { CaseScript.MainLead.Value, CaseScript.SecurityLead.Value, CaseScript.Member.Value },
                dissenters = new[] { CaseScript.Member.Value },
                description = "办公厅党组会议决定推迟门户网站安全加固项目。",
            },
        }).Expect(HttpStatusCode.NoContent);

        // The hearing, of everyone the case now holds responsible.
        var held = await HeldResponsibleAsync(investigator, caseId);
        Assert.Equal(4, held.Count);
        await investigator.PostJsonAsync($"/api/v1/tasks/{await investigator.TaskAsync(caseId, TaskKinds.Hearing)}/hearing", new
        {
            statements = held.Select(p => new { personId = p, statement = "本人对调查认定的事实无异议。", defence = "请求考虑积极配合处置的情节。" }),
        }).Expect(HttpStatusCode.NoContent);

        // The team's report and its collective discussion come first (Accountability Regulations, Article 11).
        await investigator.PostJsonAsync($"/api/v1/cases/{caseId}/investigation-report", new
        {
            facts = "门户网站被篡改后值班人员未及时报告。", conclusion = "建议问责。", participants = new[] { "investigator", "investigator2" },
            discussionConclusion = "一致同意。", discussedOn = "2026-03-02",
        }).Expect(HttpStatusCode.NoContent);

        await officer.PostJsonAsync($"/api/v1/tasks/{await officer.TaskAsync(caseId, TaskKinds.AccountabilitySuggestion)}/suggestion", new
        {
            proposals = held.Select(p => new { target = "Cadre", subjectId = p, forms = new[] { "Admonishment" }, reason = "未正确履行网络安全责任。" }),
        }).Expect(HttpStatusCode.NoContent);

        await reviewer.PostJsonAsync($"/api/v1/tasks/{await reviewer.TaskAsync(caseId, TaskKinds.DisciplineReview)}/review",
            new { decision = "Endorse", reason = "事实清楚，建议适当。" }).Expect(HttpStatusCode.NoContent);
        await approver.PostJsonAsync($"/api/v1/tasks/{await approver.TaskAsync(caseId, TaskKinds.ReviewApproval)}/approval",
            new { approve = true }).Expect(HttpStatusCode.NoContent);

        await committee.PostJsonAsync($"/api/v1/tasks/{await committee.TaskAsync(caseId, TaskKinds.Decision)}/decision", new
        {
            measures = held.Select(p => new { target = "Cadre", subjectId = p, forms = new[] { "Admonishment", "CirculatedCriticism" }, reason = "经省委研究决定。" }),
            decidedOn = "2026-03-02",
            announcement = "已于省委常委会议上宣布，并书面通知本人。",
        }).Expect(HttpStatusCode.NoContent);

        await cadres.PostJsonAsync($"/api/v1/tasks/{await cadres.TaskAsync(caseId, TaskKinds.Acknowledgement)}/acknowledgement",
            new { note = "已归入干部档案。" }).Expect(HttpStatusCode.NoContent);

        // The auditor reads the closed case: every step on record.
        var closed = await auditor.GetJsonAsync($"/api/v1/cases/{caseId}");
        Assert.Equal("Closed", closed["status"]!.GetValue<string>());
        Assert.Equal("Completed", closed["workflowStatus"]!.GetValue<string>());
        Assert.Equal("江北省人民政府办公厅", closed["unit"]!["name"]!.GetValue<string>());
        Assert.Equal(["investigator", "investigator2"], closed["team"]!["members"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
        Assert.True(closed["chain"]!["complete"]!.GetValue<bool>());
        Assert.Equal("方磊", closed["chain"]!["levels"]![0]!["findings"]![0]!["person"]!["name"]!.GetValue<string>());
        Assert.Equal("NotApplicable", closed["chain"]!["levels"]![3]!["status"]!.GetValue<string>());
        Assert.Equal([CaseScript.Member.Value], closed["decisionAtFault"]!["dissenters"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
        Assert.Equal(4, closed["statements"]!.AsArray().Count);
        Assert.NotNull(closed["suggestion"]!["submittedAt"]);
        Assert.Equal(["Endorsed", "Approved"], closed["reviews"]!.AsArray().Select(r => r!["outcome"]!.GetValue<string>()));
        Assert.Equal("江北省委", closed["decision"]!["decidedBy"]!["name"]!.GetValue<string>());
        Assert.Equal("2026-03-02", closed["decision"]!["decidedOn"]!.GetValue<string>());
        Assert.Equal(["Admonishment", "CirculatedCriticism"], closed["decision"]!["measures"]![0]!["forms"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("cadremanagement", closed["acknowledgement"]!["by"]!.GetValue<string>());
        Assert.All(closed["tasks"]!.AsArray(), t => Assert.Equal("Completed", t!["status"]!.GetValue<string>()));
        Assert.Equal(12, closed["tasks"]!.AsArray().Count);
        var completedSteps = closed["timeline"]!.AsArray().Where(e => e!["event"]!.GetValue<string>() == "Completed" && e["taskKind"] is not null)
            .Select(e => (Kind: e!["taskKind"]!.GetValue<string>(), Actor: e["actor"]?.GetValue<string>())).ToList();
        Assert.Contains((TaskKinds.Acceptance, "caseofficer"), completedSteps);
        Assert.Contains((TaskKinds.Decision, "partycommittee"), completedSteps);
        Assert.Contains((TaskKinds.Acknowledgement, "cadremanagement"), completedSteps);

        // Nothing is left to do: no step of the diagram is active, the last one is done.
        var diagram = await auditor.GetJsonAsync($"/api/v1/cases/{caseId}/diagram");
        var states = diagram["steps"]!.AsArray().ToDictionary(s => s!["activityId"]!.GetValue<string>(), s => s!["state"]!.GetValue<string>());
        Assert.DoesNotContain("Active", states.Values);
        Assert.Equal("Done", states["accept"]);

        // And the audit record of all of it is intact.
        var audit = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.True(audit["intact"]!.GetValue<bool>(), audit["message"]!.GetValue<string>());
        Assert.True(audit["entriesChecked"]!.GetValue<long>() >= 14);
    }

    private static async Task<List<Guid>> HeldResponsibleAsync(HttpClient client, Guid caseId)
    {
        var view = await client.GetJsonAsync($"/api/v1/cases/{caseId}");
        return view["responsibilities"]!.AsArray().Where(r => r!["effective"]!.GetValue<string>() != "None")
            .Select(r => r!["person"]!["id"]!.GetValue<Guid>()).ToList();
    }
}
