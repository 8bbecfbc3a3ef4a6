using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Investigation.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Api;

/// <summary>The OpenAPI document describes the whole API, and the Swagger UI page shows it.</summary>
public sealed class OpenApiTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly (string Method, string Path)[] Operations =
    [
        ("post", "/api/v1/auth/token"),
        ("post", "/api/v1/auth/refresh"),
        ("post", "/api/v1/cases"),
        ("post", "/api/v1/cases/{id}/investigation-report"),
        ("post", "/api/v1/cases/{id}/delivery"),
        ("post", "/api/v1/cases/{id}/appeals"),
        ("get", "/api/v1/cases/{id}/documents/{document}"),
        ("get", "/api/v1/cases/{id}"),
        ("get", "/api/v1/cases/{id}/diagram"),
        ("get", "/api/v1/tasks"),
        ("post", "/api/v1/tasks/{id}/claim"),
        ("post", "/api/v1/tasks/{id}/release"),
        ("post", "/api/v1/tasks/{id}/reassign"),
        ("put", "/api/v1/tasks/{id}/due"),
        ("post", "/api/v1/tasks/{id}/acceptance"),
        ("post", "/api/v1/tasks/{id}/organisational-adjustment"),
        ("post", "/api/v1/tasks/{id}/appeal-decision"),
        ("post", "/api/v1/tasks/{id}/findings"),
        ("post", "/api/v1/tasks/{id}/coordination-assessment"),
        ("post", "/api/v1/tasks/{id}/responsibility"),
        ("post", "/api/v1/tasks/{id}/hearing"),
        ("post", "/api/v1/tasks/{id}/suggestion"),
        ("post", "/api/v1/tasks/{id}/review"),
        ("post", "/api/v1/tasks/{id}/approval"),
        ("post", "/api/v1/tasks/{id}/decision"),
        ("post", "/api/v1/tasks/{id}/acknowledgement"),
        ("get", "/api/v1/audit/verify"),
    ];

    private async Task<JsonNode> DocumentAsync()
    {
        // Outside Development the document is for signed-in users only (Hardening.UseInvestigationDocsGuard).
        var signedIn = await app.SignInAsync("caseofficer");
        return await signedIn.GetJsonAsync("/api/v1/openapi.json");
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> OperationsOf(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Key, p.Key, o.Value!)));

    [Fact]
    public async Task Document_ListsEveryPathOfTheApi_AndNothingElse()
    {
        var document = await DocumentAsync();

        Assert.Equal(Operations.Order(), OperationsOf(document).Select(o => (o.Method, o.Path)).Order());
    }

    [Fact]
    public async Task Document_ListsEveryEndpointTheApplicationMaps()
    {
        var document = await DocumentAsync();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/") == true && e.RoutePattern.RawText != "/api/v1/openapi.json")
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (Method: m.ToLowerInvariant(), Path: Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):\w+\}", "{$1}").TrimEnd('/'))))
            .ToList();

        Assert.Equal(Operations.Length, mapped.Count);
        Assert.All(mapped, m => Assert.Contains(m, OperationsOf(document).Select(o => (o.Method, o.Path))));
    }

    [Fact]
    public async Task Document_DescribesBodiesResponsesAndProblems()
    {
        var document = await DocumentAsync();
        var operations = OperationsOf(document).ToDictionary(o => (o.Method, o.Path), o => o.Operation);
        var schemas = document["components"]!["schemas"]!.AsObject();

        // Every signed-in operation answers 401 as ProblemDetails and takes a bearer token or the cookie.
        foreach (var (key, operation) in operations.Where(o => !o.Key.Path.StartsWith("/api/v1/auth/")))
        {
            Assert.True(operation["responses"]!["401"]?["content"]?["application/problem+json"] is not null, $"{key} has no 401 ProblemDetails.");
            Assert.Equal(["bearer", "cookie"], operation["security"]!.AsArray().SelectMany(s => s!.AsObject().Select(x => x.Key)).Order());
        }
        // Completing a task: its typed body, 204, and the refusals.
        var acceptance = operations[("post", "/api/v1/tasks/{id}/acceptance")];
        Assert.Equal("CompleteAcceptance", acceptance["operationId"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/CompleteAcceptanceBody", acceptance["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["204", "400", "401", "403", "404", "409", "422"], acceptance["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.Equal(["accept"], schemas["CompleteAcceptanceBody"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("errors", schemas["HttpValidationProblemDetails"]!.ToJsonString());
        // The case view, and its enums by name.
        var getCase = operations[("get", "/api/v1/cases/{id}")];
        Assert.Equal("#/components/schemas/CaseView", getCase["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Contains("404", getCase["responses"]!.AsObject().Select(r => r.Key));
        Assert.Equal(["Decline", "Endorse", "Return"], schemas["ReviewCaseVerdict"]!["enum"]!.AsArray().OfType<JsonNode>().Select(v => v.GetValue<string>()).Order());
        Assert.Contains("\"Closed\"", schemas["CaseStatus"]!.ToJsonString());
        Assert.Equal("integer", schemas["GetInboxResult"]!["properties"]!["total"]!["type"]!.GetValue<string>());
        // The token endpoint answers with the token.
        var token = operations[("post", "/api/v1/auth/token")];
        Assert.Equal("#/components/schemas/AccessTokenResponse", token["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Null(token["security"]);
    }

    [Fact]
    public async Task SwaggerUi_LoadsFromThePackage_AndPointsAtTheDocument()
    {
        var anonymous = await app.SignInAsync("caseofficer");

        var page = await anonymous.GetAsync("/api/docs/index.html").Expect(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        var config = await (await anonymous.GetAsync("/api/docs/index.js").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var bundle = await anonymous.GetAsync("/api/docs/swagger-ui-bundle.js").Expect(HttpStatusCode.OK);

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/v1/openapi.json", html + config);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);
        // Nothing from elsewhere: the page loads only its own assets.
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
    }
}
