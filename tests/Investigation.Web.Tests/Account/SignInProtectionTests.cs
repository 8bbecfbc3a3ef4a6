using System.Net;
using System.Net.Http.Json;
using Investigation.Web.Tests.Infrastructure;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Investigation.Web.Tests.Account;

/// <summary>Low limits (3 attempts per account, 6 per address), and a password hasher that counts its verifications.</summary>
public sealed class LimitedWebApp : ProxiedWebApp
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignIn:PerAccount", "3");
        builder.UseSetting("SignIn:PerAddress", "6");
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<IPasswordHasher<AppUser>>();
            s.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
        });
    }

    public sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>Sign-in is limited per account and per address (page and token endpoint), and an unknown user costs what a wrong password costs.</summary>
public sealed class SignInProtectionTests(LimitedWebApp app) : IClassFixture<LimitedWebApp>
{
    private async Task<HttpResponseMessage> TokenAsync(string from, string userName, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-Test-Remote", "127.0.0.1");
        request.Headers.Add("X-Forwarded-For", from);
        return await app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
    }

    private async Task<HttpResponseMessage> PageSignInAsync(string from, string userName, string password)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await WebApp.FormAsync(client, "/Account/Login");
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = WebApp.Fields(form, new() { ["Input.UserName"] = userName, ["Input.Password"] = password }),
        };
        request.Headers.Add("X-Test-Remote", "127.0.0.1");
        request.Headers.Add("X-Forwarded-For", from);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task PerAccount_TheFourthAttemptIsRefused_FromAnyAddress_OnThePageAndTheTokenEndpoint()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync($"192.0.2.{10 + i}", "investigator2", "wrong")).StatusCode);

        var token = await TokenAsync("192.0.2.20", "investigator2", WebApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        Assert.NotNull(token.Headers.RetryAfter);

        var page = await PageSignInAsync("192.0.2.21", "investigator2", WebApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("登录尝试过于频繁", (await WebApp.ParseAsync(page)).QuerySelector("[role=alert]")?.TextContent);
    }

    [Fact]
    public async Task PerAddress_UnknownAccountsCountToo_AndOtherAddressesAreNotHeldUp()
    {
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("198.51.100.50", $"nobody-{i}", "wrong")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync("198.51.100.50", "nobody-else", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PageSignInAsync("198.51.100.51", "caseofficer", WebApp.Password)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownUser_CostsOnePasswordVerification_AsAWrongPasswordDoes()
    {
        var before = app.Hasher.Verifications;
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("203.0.113.30", "no-such-user", "whatever")).StatusCode);
        var unknown = app.Hasher.Verifications - before;

        before = app.Hasher.Verifications;
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("203.0.113.31", "disciplinereviewer2", "wrong")).StatusCode);
        var wrong = app.Hasher.Verifications - before;

        Assert.Equal(1, wrong);
        Assert.Equal(wrong, unknown);
    }
}
