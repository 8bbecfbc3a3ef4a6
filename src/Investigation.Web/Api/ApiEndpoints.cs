using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Investigation.Web.Api;

/// <summary>
/// The JSON API under /api/v1: the same use cases as the pages, for other systems. Each endpoint
/// sends one command or query; refusals become ProblemDetails (ApiExceptionHandler), authorization
/// is the use cases' own. The OpenAPI document is at /api/v1/openapi.json, its Swagger UI at /api/docs.
/// </summary>
public static class ApiEndpoints
{
    public const string DocumentUrl = "/api/v1/openapi.json";
    public const string DocsPath = "/api/docs";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static IServiceCollection AddInvestigationApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            // Enums travel by name ("Endorse", not 0); a number is refused rather than guessed at.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // Numbers are numbers: "2" is not read as 2, and the document says integer, not "integer or string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // Chinese text as text, not \u escapes; HTML-sensitive characters stay escaped.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        // Malformed JSON and unparsable route or query values reach ApiExceptionHandler as a 400 with the
        // reason, in every environment, instead of an empty 400 (the default outside Development).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", ApiDocument.Configure);
        return services;
    }

    /// <summary>The Swagger UI page, its assets served from the Swashbuckle package (no CDN).</summary>
    public static IApplicationBuilder UseInvestigationApiDocs(this IApplicationBuilder app) => app.UseSwaggerUI(o =>
    {
        o.RoutePrefix = DocsPath.TrimStart('/');
        o.DocumentTitle = "Investigation API";
        o.SwaggerEndpoint(DocumentUrl, "Investigation API v1");
    });

    public static IEndpointRouteBuilder MapInvestigationApi(this IEndpointRouteBuilder app)
    {
        // Anyone may read how to call the API; calling it needs a sign-in.
        app.MapOpenApi(DocumentUrl).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();

        var signedIn = api.MapGroup("")
            .RequireAuthorization()
            .AddEndpointFilter(AuthEndpoints.RequireCurrentUser)
            .AddEndpointFilter(AuthEndpoints.RequireCsrfTokenWithCookie)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        signedIn.MapCasesEndpoints();
        signedIn.MapTasksEndpoints();
        signedIn.MapAuditEndpoints();
        return app;
    }
}
