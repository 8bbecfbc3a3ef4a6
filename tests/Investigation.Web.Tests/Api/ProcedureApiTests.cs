using System.Net;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Api;

/// <summary>The procedure beside Article 8 through the API: the site's level, the grounds of a decision, Article 4's basis, the rounds kept.</summary>
public sealed class ProcedureApiTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateOnly DecidedOn = new(2026, 3, 2);

    [Fact]
    public async Task RegisterIncident_WithASiteLevelOtherThanTheUnits_Is400_NamingTheUnitsLevel()
    {
        var officer = await app.BearerAsync("caseofficer");
        var now = app.Clock.GetUtcNow();

        var response = await officer.PostJsonAsync("/api/v1/cases", new
        {
            unitId = DemoOrganisation.ProvincialGovernmentOffice.Value,
            title = "级别不符",
            description = "门户网站瘫痪。",
            occurredAt = now.AddHours(-10),
            facts = new
            {
                portalParalysis = new { site = "PartyOrGovernmentPortal", siteLevel = "County", attacked = true, disposalOrganisedInTime = false, downAt = now.AddHours(-9), restoredAt = now.AddHours(-1) },
            },
        }).Expect(HttpStatusCode.BadRequest);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Facts.PortalParalysis.SiteLevel", text);
        Assert.Contains("省级", text);
    }

    [Fact]
    public async Task Decision_LeavingAResponsiblePersonOut_IsRefused_UntilItsArticle17GroundIsRecorded()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "问责情节");
        await app.Script.RunToAsync(registered.CaseId, CaseStatus.AwaitingDecision, DecidedOn);
        var committee = await app.BearerAsync("partycommittee");
        var view = await committee.GetJsonAsync($"/api/v1/cases/{registered.CaseId}");
        var held = view["responsibilities"]!.AsArray().Where(r => r!["effective"]!.GetValue<string>() != "None")
            .Select(r => r!["person"]!["id"]!.GetValue<Guid>()).ToList();
        var left = held[0];
        var task = await committee.TaskAsync(registered.CaseId, TaskKinds.Decision);
        var measures = held.Skip(1).Select(p => new { target = "Cadre", subjectId = p, forms = new[] { "Admonishment" }, reason = "经研究决定。" }).ToList();

        var refused = await committee.PostJsonAsync($"/api/v1/tasks/{task}/decision",
            new { measures, decidedOn = "2026-03-02", announcement = "已宣布。" }).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第十七条", await refused.Content.ReadAsStringAsync());

        await committee.PostJsonAsync($"/api/v1/tasks/{task}/decision", new
        {
            measures,
            decidedOn = "2026-03-02",
            announcement = "已宣布。",
            grounds = new object[]
            {
                new { target = "Cadre", subjectId = left, kind = "Exemption", reason = "在集体决策中对错误决策明确提出保留意见。" },
                new { target = "Cadre", subjectId = held[1], kind = "Lighter", reason = "及时采取补救措施，消除了不良影响。" },
            },
        }).Expect(HttpStatusCode.NoContent);

        var decided = await committee.GetJsonAsync($"/api/v1/cases/{registered.CaseId}");
        var grounds = decided["decision"]!["grounds"]!.AsArray();
        Assert.Equal(["Exemption", "Lighter"], grounds.Select(g => g!["kind"]!.GetValue<string>()));
        Assert.StartsWith("第十七条", grounds[0]!["citation"]!["provision"]!.GetValue<string>());
        Assert.StartsWith("第十八条", grounds[1]!["citation"]!["provision"]!.GetValue<string>());
        Assert.Equal(left, grounds[0]!["subjectId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Decision_GroundWithoutItsReason_Is400()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "情节无理由");
        await app.Script.RunToAsync(registered.CaseId, CaseStatus.AwaitingDecision, DecidedOn);
        var committee = await app.BearerAsync("partycommittee");
        var task = await committee.TaskAsync(registered.CaseId, TaskKinds.Decision);

        await committee.PostJsonAsync($"/api/v1/tasks/{task}/decision", new
        {
            measures = Array.Empty<object>(),
            decidedOn = "2026-03-02",
            announcement = "已宣布。",
            grounds = new[] { new { target = "Cadre", subjectId = CaseScript.MainLead.Value, kind = "Exemption", reason = "" } },
        }).Expect(HttpStatusCode.BadRequest);

        Assert.Equal("AwaitingDecision", (await committee.GetJsonAsync($"/api/v1/cases/{registered.CaseId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Case_ShowsArticle4sBasis_AndAReturnKeepsTheFirstRound()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "退回保留第一轮");
        await app.Script.RunToAsync(registered.CaseId, CaseStatus.UnderReview, DecidedOn);
        var reviewer = await app.BearerAsync("disciplinereviewer");
        var first = await reviewer.GetJsonAsync($"/api/v1/cases/{registered.CaseId}");

        Assert.StartsWith("第四条", first["supervision"]!["citation"]!["provision"]!.GetValue<string>());
        Assert.NotNull(first["supervision"]!["supervising"]!["name"]);

        await reviewer.PostJsonAsync($"/api/v1/tasks/{await reviewer.TaskAsync(registered.CaseId, TaskKinds.DisciplineReview)}/review",
            new { decision = "Return", reason = "分管领导履职证据不足。", levels = new[] { "SecurityLead" } }).Expect(HttpStatusCode.NoContent);

        var view = await reviewer.GetJsonAsync($"/api/v1/cases/{registered.CaseId}");
        Assert.Equal(2, view["currentRound"]!.GetValue<int>());
        var round = view["previousRounds"]!.AsArray().Single()!;
        Assert.Equal(1, round["number"]!.GetValue<int>());
        Assert.Equal(first["responsibilities"]!.AsArray().Count, round["responsibilities"]!.AsArray().Count);
        Assert.Equal(first["statements"]!.AsArray().Count, round["statements"]!.AsArray().Count);
        Assert.Equal(first["suggestion"]!["proposals"]!.AsArray().Count, round["suggestion"]!["proposals"]!.AsArray().Count);
        Assert.Equal("Returned", round["reviews"]!.AsArray().Last()!["outcome"]!.GetValue<string>());
        Assert.Empty(view["responsibilities"]!.AsArray());
        Assert.Null(view["suggestion"]);
    }
}
