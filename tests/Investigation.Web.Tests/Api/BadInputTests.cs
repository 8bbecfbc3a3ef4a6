using System.Net;
using System.Text.Json.Nodes;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Api;

/// <summary>
/// The cases the fuzz test found, one by one: what was taken as a default or crashed is now refused by
/// name, and the case does not move.
/// </summary>
public sealed class BadInputTests(WebApp app) : IClassFixture<WebApp>
{
    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response) =>
        (await ApiClient.JsonAsync(response))["errors"]!.AsObject();

    [Fact]
    public async Task ReviewCase_WithAnEmptyBody_Is400NamingTheDecision_AndTheCaseIsNotEndorsed()
    {
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "空审核")).CaseId;
        await app.Script.RunToAsync(caseId, CaseStatus.UnderReview, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        var reviewer = await app.BearerAsync("disciplinereviewer");
        var task = await reviewer.TaskAsync(caseId, TaskKinds.DisciplineReview);

        var response = await reviewer.PostRawAsync($"/api/v1/tasks/{task}/review", "{}").Expect(HttpStatusCode.BadRequest);
        var nullBody = await reviewer.PostRawAsync($"/api/v1/tasks/{task}/review", "null").Expect(HttpStatusCode.BadRequest);

        Assert.Contains("Decision", (await ErrorsAsync(response)).Select(e => e.Key));
        Assert.Contains("$", (await ErrorsAsync(nullBody)).Select(e => e.Key));
        var view = await reviewer.GetJsonAsync($"/api/v1/cases/{caseId}");
        Assert.Equal("UnderReview", view["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterIncident_OutageWithoutDownAt_Is400NamingIt_NotAnOutageSinceYearOne()
    {
        var officer = await app.BearerAsync("caseofficer");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ApiClient.PortalOutage(app.Clock.GetUtcNow()), System.Text.Json.JsonSerializerOptions.Web))!;
        body["facts"]!["portalParalysis"]!.AsObject().Remove("downAt");
        body["facts"]!["portalParalysis"]!.AsObject().Remove("site");

        var response = await officer.PostRawAsync("/api/v1/cases", body.ToJsonString()).Expect(HttpStatusCode.BadRequest);

        var errors = await ErrorsAsync(response);
        Assert.Contains("Facts.PortalParalysis.DownAt", errors.Select(e => e.Key));
        Assert.Contains("Facts.PortalParalysis.Site", errors.Select(e => e.Key));
        Assert.Contains("中断时间", errors["Facts.PortalParalysis.DownAt"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterIncident_WithAnUndefinedSiteLevel_Is400ListingTheValues()
    {
        var officer = await app.BearerAsync("caseofficer");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ApiClient.PortalOutage(app.Clock.GetUtcNow()), System.Text.Json.JsonSerializerOptions.Web))!;
        body["facts"]!["portalParalysis"]!["siteLevel"] = "Galactic";

        var response = await officer.PostRawAsync("/api/v1/cases", body.ToJsonString()).Expect(HttpStatusCode.BadRequest);

        var message = (await ErrorsAsync(response))["Facts.PortalParalysis.SiteLevel"]![0]!.GetValue<string>();
        Assert.Contains("Provincial", message);
        Assert.DoesNotContain("Investigation.", message);
    }

    [Fact]
    public async Task RecordFindings_WithANullFinding_Is400NamingTheElement()
    {
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "空认定")).CaseId;
        await app.Script.AcceptAsync(caseId);
        var investigator = await app.BearerAsync("investigator");
        var task = await investigator.TaskAsync(caseId, TaskKinds.PartyConcernedFindings);

        var response = await investigator.PostRawAsync($"/api/v1/tasks/{task}/findings", "{\"findings\":[null]}").Expect(HttpStatusCode.BadRequest);

        Assert.Contains("Findings[0]", (await ErrorsAsync(response)).Select(e => e.Key));
    }

    [Fact]
    public async Task ChangeDueDate_ToTheEndOfTheCalendar_Is400WithTheLimit()
    {
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "截止时间上限")).CaseId;
        var admin = await app.BearerAsync("admin");
        var task = await (await app.BearerAsync("caseofficer")).TaskAsync(caseId, TaskKinds.Acceptance);

        var response = await admin.PutAsync($"/api/v1/tasks/{task}/due",
            new StringContent("{\"dueAt\":\"9999-12-31T23:59:59+08:00\",\"reason\":\"延期\"}", System.Text.Encoding.UTF8, "application/json")).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("5", (await ErrorsAsync(response))["DueAt"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOversizedText_Is400WithTheLimit_AndABodyOverTheCap_Is413()
    {
        var officer = await app.BearerAsync("caseofficer");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ApiClient.PortalOutage(app.Clock.GetUtcNow()), System.Text.Json.JsonSerializerOptions.Web))!;
        body["description"] = new string('长', 20_001);
        var tooLong = await officer.PostRawAsync("/api/v1/cases", body.ToJsonString()).Expect(HttpStatusCode.BadRequest);
        body["description"] = new string('x', 3 * 1024 * 1024);
        var tooLarge = await officer.PostRawAsync("/api/v1/cases", body.ToJsonString()).Expect(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("20,000", (await ErrorsAsync(tooLong))["Description"]![0]!.GetValue<string>());
        Assert.True(ApiClient.IsProblem(tooLarge));
    }
}
