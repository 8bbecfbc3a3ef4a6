using System.Net;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests;

/// <summary>The application starts, signs people in, and shows each their inbox.</summary>
public sealed class SmokeTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task SignIn_ThenInbox_ShowsTheInboxInChinese()
    {
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, "/Tasks");

        Assert.Equal("收件箱", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/Tasks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithAMessage()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = await WebApp.FormAsync(client, "/Account/Login");

        var response = await client.PostAsync("/Account/Login", WebApp.Fields(form, new() { ["Input.UserName"] = "caseofficer", ["Input.Password"] = "wrong" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", (await WebApp.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent);
    }
}
