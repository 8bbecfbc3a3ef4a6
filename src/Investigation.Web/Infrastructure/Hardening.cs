using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Behind a TLS proxy, and on every response: the proxy's X-Forwarded-For/-Proto are believed only from
/// the addresses configured in "ForwardedHeaders:KnownProxies" and "ForwardedHeaders:KnownNetworks"
/// (loopback by default), so redirects say https and cookies are Secure when the browser used https;
/// security headers everywhere; the API documentation only for signed-in users outside Development.
/// </summary>
public static class Hardening
{
    // No inline script anywhere (scripts are files under wwwroot); inline style attributes remain (htmx, bpmn-js set them).
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddInvestigationHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        // Secure whenever the request (as the proxy tells it) was https; the sign-in cookie is set in WebSetup.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the original scheme and client address.</summary>
    public static WebApplication UseInvestigationForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Outside Development, the OpenAPI document and Swagger UI ask for a sign-in (cookie or bearer token):
    /// they describe every endpoint, which is no one else's business.
    /// </summary>
    public static WebApplication UseInvestigationDocsGuard(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return app;
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Api.ApiEndpoints.DocsPath) || c.Request.Path.Equals(Api.ApiEndpoints.DocumentUrl),
            b => b.Use(async (context, next) =>
            {
                var result = await context.AuthenticateAsync(Api.AuthEndpoints.BearerOrCookie);
                if (result.Succeeded) await next(context);
                else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }));
        return app;
    }
}
