using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Identity;

namespace Investigation.Web.Tests.Admin;

/// <summary>A change of roles reaches the user's open session through the security stamp, not at some later sign-in.</summary>
public sealed class ChangeUserRolesTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task ChangeUserRoles_EndsTheUsersOldSession_AndTheNewRolesApplyAtTheNextSignIn()
    {
        var auditor = await app.SignInAsync("auditor");
        await auditor.AssertAccessDeniedAsync(await auditor.GetAsync("/Admin/Users"));
        var admin = await app.SignInAsync("admin");
        var id = await app.UserIdAsync("auditor");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#roles-form", ("Input.Roles", Roles.Auditor), ("Input.Roles", Roles.Administrator));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edit = await WebApp.PageAsync(admin, $"/Admin/Users/Edit/{id}");
        Assert.Equal("系统管理员、审计人员", edit.QuerySelector("#roles")?.TextContent);
        Assert.Contains(await app.AuditAsync(), e => e.Action == "ChangeUserRoles" && e.Data.Contains("[Auditor] -> [Administrator, Auditor]"));
        // Once the stamp is checked again (every minute), the old cookie, with the old roles, is refused.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var old = await auditor.GetAsync("/Tasks");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.StartsWith("/Account/Login", AdminTestSupport.PathOf(old.Headers.Location));
        var again = await app.SignInAsync("auditor");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task ChangeUserRoles_CannotTakeAnAdministratorsOwnAdministratorRole()
    {
        var admin = await app.SignInAsync("admin");
        var id = await app.UserIdAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#roles-form", ("Input.Roles", Roles.Auditor));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能取消自己的系统管理员角色", await AdminTestSupport.MessageAsync(response));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task ChangeUserRoles_WithNoRole_IsRefusedNextToTheRoles()
    {
        var admin = await app.SignInAsync("admin");
        var id = await app.UserIdAsync("investigator2");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#roles-form");

        Assert.Contains("至少选择一个角色", await AdminTestSupport.MessageAsync(response, "Input.Roles"));
    }
}
