using System.Net;
using Investigation.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Infrastructure;

/// <summary>
/// The application as it is reached through a proxy: the test server has no client address, so each request
/// says which address it comes from (X-Test-Remote), as a TCP connection would.
/// </summary>
public class ProxiedWebApp : WebApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, RemoteAddressFilter>());
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote", out var address))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address!);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Forwarded headers from the configured proxy (loopback by default), Secure cookies and HSTS behind https, security headers, docs behind sign-in.</summary>
public sealed class HardeningTests(ProxiedWebApp app) : IClassFixture<ProxiedWebApp>
{
    private HttpClient Client() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage Via(string remote, string url, string? proto = "https")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Test-Remote", remote);
        // HSTS is never sent for localhost: the name the proxy serves.
        request.Headers.Host = "investigation.example.org";
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }

    [Fact]
    public async Task BehindTheLoopbackProxy_OverHttps_RedirectsSayHttps_CookiesAreSecure_AndHstsIsSent()
    {
        var redirect = await Client().SendAsync(Via("127.0.0.1", "/Tasks"));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location!.Scheme);

        var login = await Client().SendAsync(Via("127.0.0.1", "/Account/Login"));
        Assert.True(login.Headers.Contains("Strict-Transport-Security"));
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task FromAnAddressThatIsNoConfiguredProxy_TheForwardedSchemeIsIgnored()
    {
        var redirect = await Client().SendAsync(Via("198.51.100.9", "/Tasks"));
        Assert.Equal("http", redirect.Headers.Location!.Scheme);

        var login = await Client().SendAsync(Via("198.51.100.9", "/Account/Login"));
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/cases")]
    [InlineData("/css/site.css")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url)
    {
        var response = await Client().SendAsync(Via("127.0.0.1", url, proto: null));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Tasks")]
    [InlineData("/Cases")]
    [InlineData("/Dashboard")]
    [InlineData("/Audit")]
    [InlineData("/Admin/Organisation")]
    public async Task Pages_HaveNoInlineScript(string url)
    {
        var client = await app.SignInAsync("admin");
        var page = await WebApp.PageAsync(client, url);

        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}: {s.TextContent}"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name.StartsWith("hx-on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiDocs_OutsideDevelopment_OnlyForSignedInUsers()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/v1/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/docs/index.html")).StatusCode);

        var signedIn = await app.SignInAsync("caseofficer");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/docs/index.html")).StatusCode);
    }
}
