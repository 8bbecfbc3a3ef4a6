namespace Investigation.Web.Api;

/// <summary>The JSON API under /api/v1: the same use cases as the pages, for other systems.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapInvestigationApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/api/v1/openapi.json");
        return app;
    }
}
