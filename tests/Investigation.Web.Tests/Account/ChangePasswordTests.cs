using System.Net;
using Investigation.Web.Tests.Admin;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Account;

/// <summary>A user changes their own password: the new one works, the old one does not, and neither is recorded.</summary>
public sealed class ChangePasswordTests(WebApp app) : IClassFixture<WebApp>
{
    private const string NewPassword = "Changed-Pass-2026!x";

    private static (string, string)[] Form(string current, string next, string confirm) =>
        [("Input.CurrentPassword", current), ("Input.NewPassword", next), ("Input.ConfirmPassword", confirm)];

    [Fact]
    public async Task ChangePassword_ThenTheNewOneSignsIn_AndTheOldOneNoLonger()
    {
        var client = await app.SignInAsync("investigator");

        var response = await client.SubmitAsync("/Account/Manage/ChangePassword", "main form[method=post]", Form(WebApp.Password, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // This browser stays signed in, with the new stamp.
        var manage = await WebApp.PageAsync(client, "/Account/Manage");
        Assert.Equal("密码已修改。", manage.QuerySelector("[role=status]")?.TextContent);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);
        var old = await app.TrySignInAsync(app.NewClient(), "investigator", WebApp.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("用户名或密码错误", await AdminTestSupport.MessageAsync(old));
        await app.SignInAsync("investigator", NewPassword);
        var audit = await app.AuditAsync();
        Assert.Contains(audit, e => e.Action == "ChangePassword" && e.Actor == "investigator");
        Assert.All(audit, e => Assert.DoesNotContain(NewPassword, e.Data));
        Assert.All(audit, e => Assert.DoesNotContain(WebApp.Password, e.Data));
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_IsRefused()
    {
        var client = await app.SignInAsync("caseofficer");

        var response = await client.SubmitAsync("/Account/Manage/ChangePassword", "main form[method=post]", Form("Not-The-Password-1!", NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("当前密码不正确。", await AdminTestSupport.MessageAsync(response, "Input.CurrentPassword"));
        await app.SignInAsync("caseofficer");
    }

    [Fact]
    public async Task ChangePassword_ToAWeakOne_OrMistyped_IsRefused()
    {
        var client = await app.SignInAsync("auditor");

        var weak = await client.SubmitAsync("/Account/Manage/ChangePassword", "main form[method=post]", Form(WebApp.Password, "password", "password"));
        var mistyped = await client.SubmitAsync("/Account/Manage/ChangePassword", "main form[method=post]", Form(WebApp.Password, NewPassword, NewPassword + "x"));

        Assert.Contains("密码至少需要一个数字（0-9）。", await AdminTestSupport.MessageAsync(weak, "Input.NewPassword"));
        Assert.Contains("两次输入的新密码不一致", await AdminTestSupport.MessageAsync(mistyped, "Input.ConfirmPassword"));
        await app.SignInAsync("auditor");
    }
}
