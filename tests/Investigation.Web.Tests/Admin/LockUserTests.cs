using System.Net;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Admin;

/// <summary>An administrator locks a user out, which ends their sessions and stops sign-in, and unlocks them again.</summary>
public sealed class LockUserTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task LockUser_StopsSignIn_AndUnlockUser_RestoresIt()
    {
        var admin = await app.SignInAsync("admin");
        var id = await app.UserIdAsync("disciplinereviewer2");

        var locked = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#lock-form");

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("已被管理员锁定", (await WebApp.PageAsync(admin, "/Admin/Users")).QuerySelector("#user-disciplinereviewer2 .locked")?.TextContent);
        var refused = await app.TrySignInAsync(app.NewClient(), "disciplinereviewer2", WebApp.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("锁定", await AdminTestSupport.MessageAsync(refused));

        var unlocked = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#unlock-form");

        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal("否", (await WebApp.PageAsync(admin, "/Admin/Users")).QuerySelector("#user-disciplinereviewer2 .locked")?.TextContent.Trim());
        await app.SignInAsync("disciplinereviewer2");
    }

    [Fact]
    public async Task LockUser_OfOneself_IsRefused()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{await app.UserIdAsync("admin")}", "#lock-form");

        Assert.Contains("不能锁定自己的账户", await AdminTestSupport.MessageAsync(response));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
    }
}
