using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Identity;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Web.Tests.Admin;

/// <summary>An administrator creates users in their units; the password policy holds and no password reaches the audit record.</summary>
public sealed class CreateUserTests(WebApp app) : IClassFixture<WebApp>
{
    private const string NewPassword = "Linchuan-Officer-2026#";

    [Fact]
    public async Task CreateUser_ThenTheUserSignsInWithTheGivenRoles_AndSeesOnlyTheirUnit()
    {
        var now = app.Clock.GetUtcNow();
        await app.Script.RegisterPortalOutageAsync(now, title: "省级门户事件");
        await app.Script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.LinchuanGovernment.Value, "临川市政府网站事件",
            "临川市人民政府网站出现严重危害网络安全的行为。", now.AddHours(-3), new IncidentFactsInput { OtherSeriousAct = new("网站被用于传播有害信息。", true) }));
        var admin = await app.SignInAsync("admin");

        var created = await admin.CreateUserAsync("officer-new", DemoOrganisation.Linchuan.Value, NewPassword, Roles.CaseOfficer);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await WebApp.PageAsync(admin, "/Admin/Users");
        var row = list.QuerySelector("#user-officer-new")?.TextContent ?? "";
        Assert.Contains("临川市委", row);
        Assert.Contains("案件专员", row);
        var officer = await app.SignInAsync("officer-new", NewPassword);
        var inbox = await WebApp.PageAsync(officer, "/Tasks");
        Assert.Contains("临川市政府网站事件", inbox.QuerySelector("main table")?.TextContent);
        Assert.DoesNotContain("省级门户事件", inbox.QuerySelector("main table")?.TextContent);
        // The role's own door is open, the administrator's is not.
        Assert.NotNull(inbox.QuerySelector("header a[href='/Cases/Register']"));
        await officer.AssertAccessDeniedAsync(await officer.GetAsync("/Admin/Users"));
    }

    [Fact]
    public async Task CreateUser_WithAWeakPassword_IsRefusedWithThePolicysMessage_AndCreatesNobody()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.CreateUserAsync("weak-user", DemoOrganisation.Province.Value, "short1!", Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await AdminTestSupport.MessageAsync(response, "Input.Password");
        // The administrator reads Chinese: Identity's own messages are in Chinese too (IdentityMessages).
        Assert.Contains("密码至少需要 12 个字符。", message);
        Assert.Contains("密码至少需要一个大写字母（A-Z）。", message);
        Assert.DoesNotContain(new IdentityErrorDescriber().PasswordTooShort(12).Description, message);
        Assert.Null((await WebApp.PageAsync(admin, "/Admin/Users")).QuerySelector("#user-weak-user"));
    }

    [Fact]
    public async Task CreateUser_WithoutARole_OrWithATakenName_IsRefusedNextToTheField()
    {
        var admin = await app.SignInAsync("admin");

        var noRole = await admin.CreateUserAsync("no-role", DemoOrganisation.Province.Value, NewPassword);
        var taken = await admin.CreateUserAsync("caseofficer", DemoOrganisation.Province.Value, NewPassword, Roles.Auditor);

        Assert.Contains("至少选择一个角色", await AdminTestSupport.MessageAsync(noRole, "Input.Roles"));
        Assert.Contains("caseofficer", await AdminTestSupport.MessageAsync(taken, "Input.UserName"));
    }

    [Fact]
    public async Task Passwords_NeverAppearInTheAuditRecord()
    {
        const string initial = "Audit-Initial-Pass-1!", reset = "Audit-Reset-Pass-22?";
        var admin = await app.SignInAsync("admin");

        await admin.CreateUserAsync("audited-user", DemoOrganisation.Province.Value, initial, Roles.Auditor);
        var id = await app.UserIdAsync("audited-user");
        var resetResponse = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#password-form", ("Input.NewPassword", reset));

        Assert.Equal(HttpStatusCode.Redirect, resetResponse.StatusCode);
        var audit = await app.AuditAsync();
        var create = Assert.Single(audit, e => e.Action == "CreateUser" && e.Data.Contains("\"audited-user\""));
        Assert.Equal("admin", create.Actor);
        Assert.Contains(audit, e => e.Action == "ResetUserPassword" && e.Data.Contains(id));
        Assert.All(audit, e => Assert.DoesNotContain(initial, e.Data));
        Assert.All(audit, e => Assert.DoesNotContain(reset, e.Data));
        Assert.All(audit, e => Assert.DoesNotContain("Password", e.Data));
        // The reset took: the new password signs in, the initial one no longer does.
        Assert.Equal(HttpStatusCode.OK, (await app.TrySignInAsync(app.NewClient(), "audited-user", initial)).StatusCode);
        await app.SignInAsync("audited-user", reset);
    }
}
