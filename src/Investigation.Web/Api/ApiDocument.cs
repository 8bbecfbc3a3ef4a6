using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Investigation.Web.Api;

/// <summary>The OpenAPI document: its title, the two ways to authenticate, and unambiguous schema names.</summary>
public static class ApiDocument
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    public static void Configure(OpenApiOptions o)
    {
        // Use cases nest their records (GetInbox.Result, GetProcessDiagram.Result): name them with their
        // use case so that no two schemas share a name.
        o.CreateSchemaReferenceId = type =>
        {
            var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            // A nullable enum (a required choice, refused by name when missing) is named as the enum is.
            return id is not null && (Nullable.GetUnderlyingType(type.Type) ?? type.Type).DeclaringType is { } outer ? outer.Name + id : id;
        };

        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Investigation API",
                Version = "v1",
                Description = "Accountability investigations under the 2017 Implementation Measures for the Cybersecurity Work Responsibility System " +
                              "(党委（党组）网络安全工作责任制实施办法): the same use cases as the pages, as JSON. Errors are ProblemDetails " +
                              "(RFC 9457); enums are sent and returned by name.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "For other systems: a token from POST /api/v1/auth/token.",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "investigation",
                Description = "For the application's own pages: the sign-in cookie. A call that changes something must also send the X-CSRF-TOKEN header.",
            };
            return Task.CompletedTask;
        });

        // Every operation but the anonymous ones takes either a bearer token or the cookie.
        o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
            ];
            return Task.CompletedTask;
        });
    }
}
