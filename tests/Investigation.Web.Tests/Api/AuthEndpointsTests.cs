using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Api;

/// <summary>Bearer tokens for other systems, the cookie for the application's own pages, and CSRF for the cookie.</summary>
public sealed class AuthEndpointsTests(WebApp app) : IClassFixture<WebApp>
{
    /// <summary>Another system, written in English: it asks for English answers.</summary>
    private HttpClient Anonymous()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    [Fact]
    public async Task Token_WithTheRightPassword_IsABearerTokenThatActsAsTheUser()
    {
        var token = await ApiClient.TokenAsync(app, "partycommittee");
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());

        var inbox = await client.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.OK);
        // The token's user is the actor: a party committee may not register an incident.
        await client.PostJsonAsync("/api/v1/cases", ApiClient.PortalOutage(app.Clock.GetUtcNow())).Expect(HttpStatusCode.Forbidden);

        Assert.Equal("Bearer", token["tokenType"]!.GetValue<string>());
        Assert.Equal(3600, token["expiresIn"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(token["refreshToken"]!.GetValue<string>()));
        Assert.Equal(0, (await ApiClient.JsonAsync(inbox))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Token_WithAWrongPassword_Is401()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "caseofficer", password = "wrong" })
            .Expect(HttpStatusCode.Unauthorized);

        Assert.True(ApiClient.IsProblem(response));
        Assert.Equal("The user name or password is wrong.", (await ApiClient.JsonAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_WithoutAUserName_Is400WithTheFieldError()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { password = "x" }).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("UserName", (await ApiClient.JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Token_AfterFiveWrongPasswords_IsRefusedEvenWithTheRightOne()
    {
        var client = Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "investigator2-linchuan", password = $"wrong-{i}" }).Expect(HttpStatusCode.Unauthorized);

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "investigator2-linchuan", password = WebApp.Password })
            .Expect(HttpStatusCode.Unauthorized);

        Assert.Contains("locked", (await ApiClient.JsonAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_WhenExpired_Is401_AndTheRefreshTokenGetsANewOne()
    {
        var token = await ApiClient.TokenAsync(app, "disciplinereviewer2");
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        await client.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await client.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.Unauthorized);
        var refreshed = await ApiClient.JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token["refreshToken"]!.GetValue<string>() })
            .Expect(HttpStatusCode.OK));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed["accessToken"]!.GetValue<string>());

        await client.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WhileTheAccountIsLockedOut_Is401_AndWorksAgainOnceTheLockoutEnds()
    {
        var token = await ApiClient.TokenAsync(app, "investigator-anping");
        var refresh = new { refreshToken = token["refreshToken"]!.GetValue<string>() };
        for (var i = 0; i < 5; i++)
            await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "investigator-anping", password = $"wrong-{i}" }).Expect(HttpStatusCode.Unauthorized);

        var refused = await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", refresh).Expect(HttpStatusCode.Unauthorized);
        var chinese = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var refusedInChinese = await chinese.PostAsJsonAsync("/api/v1/auth/refresh", refresh).Expect(HttpStatusCode.Unauthorized);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var refreshed = await ApiClient.JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", refresh).Expect(HttpStatusCode.OK));

        Assert.Contains("locked", (await ApiClient.JsonAsync(refused))["title"]!.GetValue<string>());
        Assert.Contains("锁定", (await ApiClient.JsonAsync(refusedInChinese))["title"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(refreshed["accessToken"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Refresh_WithAForgedToken_Is401()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "forged" }).Expect(HttpStatusCode.Unauthorized);

        Assert.True(ApiClient.IsProblem(response));
    }

    [Fact]
    public async Task BearerToken_AfterTheUsersSecurityStampChanged_Is401_AndSoIsItsRefreshToken()
    {
        var token = await ApiClient.TokenAsync(app, "investigator-linchuan");
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        await client.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.OK);

        // What a password reset, a role change or a lockout does.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync("investigator-linchuan"))!);
        }

        var response = await client.GetAsync("/api/v1/tasks").Expect(HttpStatusCode.Unauthorized);
        await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token["refreshToken"]!.GetValue<string>() }).Expect(HttpStatusCode.Unauthorized);
        Assert.True(ApiClient.IsProblem(response));
        // A new token works again.
        await (await app.BearerAsync("investigator-linchuan")).GetAsync("/api/v1/tasks").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cookie_ReadsWithoutMore_ButAChangeWithoutTheCsrfHeader_Is400_AndWritesNothing()
    {
        var browser = await app.SignInAsync("caseofficer");
        var csrf = (await WebApp.PageAsync(browser, "/Tasks")).QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var before = (await browser.GetJsonAsync("/api/v1/tasks"))["total"]!.GetValue<int>();

        var refused = await browser.PostJsonAsync("/api/v1/cases", ApiClient.PortalOutage(app.Clock.GetUtcNow(), "无令牌")).Expect(HttpStatusCode.BadRequest);
        var unchanged = (await browser.GetJsonAsync("/api/v1/tasks"))["total"]!.GetValue<int>();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(ApiClient.PortalOutage(app.Clock.GetUtcNow(), "有令牌")) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        await browser.SendAsync(request).Expect(HttpStatusCode.Created);

        Assert.True(ApiClient.IsProblem(refused));
        Assert.Contains("X-CSRF-TOKEN", (await ApiClient.JsonAsync(refused))["title"]!.GetValue<string>());
        Assert.Equal(before, unchanged);
        Assert.Equal(before + 1, (await browser.GetJsonAsync("/api/v1/tasks"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cookie_WithAnotherUsersCsrfToken_Is400()
    {
        var other = await app.SignInAsync("caseofficer-linchuan");
        var othersToken = (await WebApp.PageAsync(other, "/Tasks")).QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var browser = await app.SignInAsync("caseofficer");
        await WebApp.PageAsync(browser, "/Tasks");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(ApiClient.PortalOutage(app.Clock.GetUtcNow(), "他人令牌")) };
        request.Headers.Add("X-CSRF-TOKEN", othersToken);

        await browser.SendAsync(request).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bearer_OnAPage_IsNotASignIn()
    {
        var client = await app.BearerAsync("caseofficer");

        var response = await client.GetAsync("/Tasks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery);
    }
}
