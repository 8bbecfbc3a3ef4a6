using System.Net;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Api;

/// <summary>RegisterIncident, GetCase and GetProcessDiagram through the API, and how they refuse.</summary>
public sealed class CasesEndpointsTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task RegisterIncident_ThenGetCase_ShowsTheFactsAndTheEvaluationClauseByClause()
    {
        var officer = await app.BearerAsync("caseofficer");
        var now = app.Clock.GetUtcNow();

        var created = await ApiClient.JsonAsync(await officer.PostJsonAsync("/api/v1/cases", ApiClient.PortalOutage(now, "门户网站瘫痪八小时")).Expect(HttpStatusCode.Created));
        var view = await officer.GetJsonAsync($"/api/v1/cases/{created["caseId"]}");

        Assert.Equal("门户网站瘫痪八小时", view["title"]!.GetValue<string>());
        Assert.Equal("Registered", view["status"]!.GetValue<string>());
        Assert.Equal("Provincial", view["facts"]!["portalParalysis"]!["siteLevel"]!.GetValue<string>());
        Assert.Equal(now.AddHours(-1), view["facts"]!["portalParalysis"]!["restoredAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(view["facts"]!["dataLeak"]);
        Assert.Equal("第三条第（三）项 / Article 3, item (3)", view["dutiesFailed"]![0]!["provision"]!.GetValue<string>());

        var evaluation = view["evaluation"]!;
        Assert.Equal("SeriousCircumstance", evaluation["basis"]!.GetValue<string>());
        Assert.True(evaluation["traceBackMandatory"]!.GetValue<bool>());
        Assert.Equal("第八条第二款 / Article 8, paragraph 2", evaluation["citation"]!["provision"]!.GetValue<string>());
        var paralysis = evaluation["circumstances"]!.AsArray().Single(c => c!["circumstance"]!.GetValue<string>() == "PortalParalysed")!;
        Assert.True(paralysis["met"]!.GetValue<bool>());
        Assert.Contains("瘫痪6小时以上", paralysis["citation"]!["text"]!["zh"]!.GetValue<string>());
        var hours = paralysis["clauses"]!.AsArray().Single(c => c!["clause"]!["en"]!.GetValue<string>() == "paralysed 6 hours or more")!;
        Assert.True(hours["satisfied"]!.GetValue<bool>());
        Assert.Contains("8 h", hours["reason"]!["en"]!.GetValue<string>());
        var leak = evaluation["circumstances"]!.AsArray().Single(c => c!["circumstance"]!.GetValue<string>() == "DataLeak")!;
        Assert.False(leak["met"]!.GetValue<bool>());

        // The acceptance task waits in the case officers' inbox, and on the case.
        Assert.Equal(TaskKinds.Acceptance, view["tasks"]!.AsArray().Single()!["kind"]!.GetValue<string>());
        Assert.Equal("Open", view["tasks"]!.AsArray().Single()!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterIncident_WithoutTitleOrFacts_Is400WithTheFieldErrors()
    {
        var officer = await app.BearerAsync("caseofficer");

        var response = await officer.PostJsonAsync("/api/v1/cases", new
        {
            unitId = DemoOrganisation.ProvincialGovernmentOffice.Value,
            title = "",
            description = "门户网站异常。",
            occurredAt = app.Clock.GetUtcNow().AddHours(-1),
            facts = new { },
        }).Expect(HttpStatusCode.BadRequest);

        Assert.True(ApiClient.IsProblem(response));
        var errors = (await ApiClient.JsonAsync(response))["errors"]!.AsObject();
        Assert.Contains("Title", errors.Select(e => e.Key));
        Assert.Contains("请至少记录一项第八条所列情形的事实", errors["Facts"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterIncident_RestoredLaterThanNow_Is422WithTheRule()
    {
        var officer = await app.BearerAsync("caseofficer");
        var now = app.Clock.GetUtcNow();

        var response = await officer.PostJsonAsync("/api/v1/cases", new
        {
            unitId = DemoOrganisation.ProvincialGovernmentOffice.Value,
            title = "门户网站瘫痪",
            description = "门户网站受攻击后瘫痪。",
            occurredAt = now.AddHours(-2),
            facts = new
            {
                portalParalysis = new { site = "PartyOrGovernmentPortal", siteLevel = "Provincial", attacked = true, disposalOrganisedInTime = false, downAt = now.AddHours(-1), restoredAt = now.AddHours(3) },
            },
        }).Expect(HttpStatusCode.UnprocessableEntity);

        Assert.True(ApiClient.IsProblem(response));
        Assert.Equal("恢复服务的时间不能晚于当前时间。", (await ApiClient.JsonAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterIncident_AsInvestigator_Is403()
    {
        var investigator = await app.BearerAsync("investigator");

        var response = await investigator.PostJsonAsync("/api/v1/cases", ApiClient.PortalOutage(app.Clock.GetUtcNow())).Expect(HttpStatusCode.Forbidden);

        Assert.True(ApiClient.IsProblem(response));
        Assert.Contains("案件专员", (await ApiClient.JsonAsync(response))["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ \"title\": \"门户网站\", ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ \"unitId\": \"not a guid\" }")]
    public async Task RegisterIncident_MalformedJson_Is400ProblemDetails(string json)
    {
        var officer = await app.BearerAsync("caseofficer");

        var response = await officer.PostRawAsync("/api/v1/cases", json).Expect(HttpStatusCode.BadRequest);

        // A field error in Chinese (the default), naming no .NET type.
        Assert.True(ApiClient.IsProblem(response));
        var problem = await ApiClient.JsonAsync(response);
        var message = Assert.Single(problem["errors"]!.AsObject()).Value![0]!.GetValue<string>();
        Assert.Matches("[\\u4e00-\\u9fff]", message);
        Assert.DoesNotContain("Investigation.", problem.ToJsonString());
    }

    [Theory]
    [InlineData("\"NoSuchDuty\"")]
    [InlineData("3")]
    public async Task RegisterIncident_EnumNotByName_Is400(string duty)
    {
        var officer = await app.BearerAsync("caseofficer");
        var now = app.Clock.GetUtcNow();
        var json = $$"""
            { "unitId": "{{DemoOrganisation.ProvincialGovernmentOffice.Value}}", "title": "职责未履行", "description": "未开展网络安全教育。",
              "occurredAt": "{{now.AddDays(-1):O}}", "facts": {}, "dutiesFailed": [{{duty}}] }
            """;

        var response = await officer.PostRawAsync("/api/v1/cases", json).Expect(HttpStatusCode.BadRequest);

        Assert.True(ApiClient.IsProblem(response));
    }

    [Fact]
    public async Task CaseOfAnotherUnit_IsNotFound_ItsDiagramAndItsTasksNeither()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "省级案件，安平看不到");
        var acceptance = await app.Script.TaskAsync(registered.CaseId, TaskKinds.Acceptance, "caseofficer");
        var anping = await app.BearerAsync("caseofficer-anping");

        var missing = await ApiClient.JsonAsync(await anping.GetAsync($"/api/v1/cases/{Guid.NewGuid()}").Expect(HttpStatusCode.NotFound));
        var hidden = await ApiClient.JsonAsync(await anping.GetAsync($"/api/v1/cases/{registered.CaseId}").Expect(HttpStatusCode.NotFound));
        await anping.GetAsync($"/api/v1/cases/{registered.CaseId}/diagram").Expect(HttpStatusCode.NotFound);
        await anping.PostAsync($"/api/v1/tasks/{acceptance}/claim", null).Expect(HttpStatusCode.NotFound);
        await anping.PostJsonAsync($"/api/v1/tasks/{acceptance}/acceptance", new { accept = false, reason = "不属于本单位" }).Expect(HttpStatusCode.NotFound);
        var inbox = await anping.GetJsonAsync($"/api/v1/tasks?caseId={registered.CaseId}");

        // Indistinguishable from a case that does not exist.
        Assert.Equal(missing["title"]!.GetValue<string>(), hidden["title"]!.GetValue<string>());
        Assert.Equal(0, inbox["total"]!.GetValue<int>());
        // The case officer of the province still has it.
        var officer = await app.BearerAsync("caseofficer");
        Assert.Equal("Registered", (await officer.GetJsonAsync($"/api/v1/cases/{registered.CaseId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetProcessDiagram_MarksWhatIsDoneAndWhatWaits()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "流程图");
        await app.Script.RunToAsync(registered.CaseId, CaseStatus.Investigating, new DateOnly(2026, 3, 2));
        var investigator = await app.BearerAsync("investigator");

        var diagram = await investigator.GetJsonAsync($"/api/v1/cases/{registered.CaseId}/diagram");

        var steps = diagram["steps"]!.AsArray().Select(s => (Id: s!["activityId"]!.GetValue<string>(), Kind: s["taskKind"]?.GetValue<string>(),
            State: s["state"]!.GetValue<string>())).ToList();
        Assert.Equal("Done", steps.Single(s => s.Id == "accept").State);
        Assert.Contains(steps, s => s.Kind == TaskKinds.PartyConcernedFindings && s.State == "Active");
        Assert.Contains(steps, s => s.Kind == TaskKinds.Decision && s.State == "Pending");
        Assert.NotEmpty(diagram["edges"]!.AsArray());
        Assert.Equal(InvestigationWorkflow.Name, diagram["definition"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unauthenticated_Is401ProblemDetails_NotARedirect()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var read = await anonymous.GetAsync($"/api/v1/cases/{Guid.NewGuid()}").Expect(HttpStatusCode.Unauthorized);
        var write = await anonymous.PostJsonAsync("/api/v1/cases", ApiClient.PortalOutage(app.Clock.GetUtcNow())).Expect(HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        var forged = await anonymous.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.Unauthorized);

        Assert.All([read, write, forged], r => Assert.True(ApiClient.IsProblem(r)));
        Assert.Null(read.Headers.Location);
        Assert.Equal(401, (await ApiClient.JsonAsync(read))["status"]!.GetValue<int>());
    }
}
