using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;

namespace Investigation.Web.Tests.Api;

/// <summary>Calls the JSON API as another system would: a bearer token per user, JSON in and out.</summary>
internal static class ApiClient
{
    /// <summary>A client that authenticates with a bearer token only: no cookies, no redirects.</summary>
    public static async Task<HttpClient> BearerAsync(this WebApp app, string userName)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var token = await TokenAsync(app, userName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    public static async Task<JsonNode> TokenAsync(WebApp app, string userName, string password = WebApp.Password)
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("The response has no JSON.");

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    /// <summary>Posts a JSON body written by hand, enums by name, as another system would write it.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts the status, showing the problem's body if it is another.</summary>
    public static async Task<HttpResponseMessage> Expect(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>The id of the one open task of a kind on a case, from the user's inbox.</summary>
    public static async Task<Guid> TaskAsync(this HttpClient client, Guid caseId, string kind)
    {
        var inbox = await client.GetJsonAsync($"/api/v1/tasks?caseId={caseId}&kind={kind}");
        var items = inbox["items"]!.AsArray();
        Assert.True(items.Count == 1, $"Expected one open {kind} task on case {caseId}, found {items.Count}.");
        return items[0]!["taskId"]!.GetValue<Guid>();
    }

    /// <summary>The demo case's registration, as JSON: the provincial government office's portal defaced and down for eight hours.</summary>
    public static object PortalOutage(DateTimeOffset now, string title = "省政府门户网站遭篡改并瘫痪") => new
    {
        unitId = DemoOrganisation.ProvincialGovernmentOffice.Value,
        title,
        description = "江北省人民政府门户网站首页被植入违法有害信息，随后服务中断。值班人员未及时报告，处置延误。",
        occurredAt = now.AddHours(-10),
        facts = new
        {
            portalParalysis = new
            {
                site = "PartyOrGovernmentPortal", siteLevel = "Provincial", attacked = true, disposalOrganisedInTime = false,
                downAt = now.AddHours(-9), restoredAt = now.AddHours(-1),
            },
            portalTampering = new
            {
                site = "PartyOrGovernmentPortal", attackedAndTampered = true, harmfulInformationSpreadWidely = true,
                reportedInTime = false, disposalOrganisedInTime = false,
            },
        },
        dutiesFailed = new[] { "ProtectionAndIncidentHandling" },
        evidence = new[] { "网站访问日志（2026-03-01）", "值班记录" },
    };

    public static bool IsProblem(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "application/problem+json";
}
