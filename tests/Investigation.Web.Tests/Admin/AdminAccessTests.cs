using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;

namespace Investigation.Web.Tests.Admin;

/// <summary>Only administrators reach the admin pages, and each manages only their own unit and the units below it.</summary>
public sealed class AdminAccessTests(WebApp app) : IClassFixture<WebApp>
{
    private const string PrefecturePassword = "Linchuan-Admin-2026#";

    public static TheoryData<string> Pages => new()
    {
        "/Admin/Users", "/Admin/Users/Create", "/Admin/Users/Edit/{caseofficer}",
        "/Admin/Organisation", "/Admin/Organisation/AddUnit", "/Admin/Organisation/AddPerson",
        $"/Admin/Organisation/Leadership/{DemoOrganisation.LinchuanEducation.Value}", "/Admin/Incidents",
    };

    public static TheoryData<string> Posts => new()
    {
        "/Admin/Users/Create", "/Admin/Users/Edit/{caseofficer}?handler=Roles", "/Admin/Users/Edit/{caseofficer}?handler=Unit",
        "/Admin/Users/Edit/{caseofficer}?handler=Lock", "/Admin/Users/Edit/{caseofficer}?handler=Unlock",
        "/Admin/Users/Edit/{caseofficer}?handler=ResetPassword",
        "/Admin/Organisation/AddUnit", "/Admin/Organisation/AddPerson",
        $"/Admin/Organisation/Leadership/{DemoOrganisation.LinchuanEducation.Value}", "/Admin/Incidents?handler=Retry",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task NonAdministrator_GetsForbidden_OnEveryAdminPage(string url)
    {
        var client = await app.SignInAsync("caseofficer");

        var response = await client.GetAsync(await ResolveAsync(url));

        await client.AssertAccessDeniedAsync(response);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task NonAdministrator_GetsForbidden_OnEveryAdminPost(string url)
    {
        var client = await app.SignInAsync("caseofficer");
        // A valid antiforgery token, so that only the missing role can refuse the post.
        var token = (await WebApp.PageAsync(client, "/Tasks")).QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;

        var response = await client.PostAsync(await ResolveAsync(url), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.UserName"] = "intruder", ["Input.DisplayName"] = "intruder",
            ["Input.UnitId"] = DemoOrganisation.Province.Value.ToString(), ["Input.Roles"] = Roles.Administrator, ["Input.Password"] = "Intruder-Pass-2026!",
            ["Input.NewPassword"] = "Intruder-Pass-2026!", ["Input.Name"] = "intruder", ["Input.ParentId"] = DemoOrganisation.Province.Value.ToString(),
        }));

        await client.AssertAccessDeniedAsync(response);
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Actor == "caseofficer");
    }

    [Fact]
    public async Task PrefectureAdministrator_SeesAndManagesOnlyTheirPrefecture()
    {
        var admin = await app.SignInAsync("admin");
        await admin.CreateUserAsync("admin-linchuan", DemoOrganisation.Linchuan.Value, PrefecturePassword, Roles.Administrator);
        var prefectureAdmin = await app.SignInAsync("admin-linchuan", PrefecturePassword);
        var provinceUser = await app.UserIdAsync("caseofficer");
        var ownUser = await app.UserIdAsync("caseofficer-linchuan");

        var list = await WebApp.PageAsync(prefectureAdmin, "/Admin/Users");
        var edit = await prefectureAdmin.GetAsync($"/Admin/Users/Edit/{provinceUser}");
        var ownEdit = await prefectureAdmin.GetAsync($"/Admin/Users/Edit/{ownUser}");
        var token = list.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var lockProvinceUser = await prefectureAdmin.PostAsync($"/Admin/Users/Edit/{provinceUser}?handler=Lock",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var createInProvince = await prefectureAdmin.CreateUserAsync("sneaky", DemoOrganisation.Province.Value, PrefecturePassword, Roles.Auditor);
        var provinceTeam = await prefectureAdmin.GetAsync($"/Admin/Organisation/Leadership/{DemoOrganisation.ProvincialGovernmentOffice.Value}");

        Assert.NotNull(list.QuerySelector("#user-caseofficer-linchuan"));
        Assert.Null(list.QuerySelector("#user-caseofficer"));
        Assert.Null(list.QuerySelector("#user-caseofficer-anping"));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownEdit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lockProvinceUser.StatusCode);
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Action == "LockUser");
        Assert.Contains("请选择您管辖的单位", await AdminTestSupport.MessageAsync(createInProvince, "Input.UnitId"));
        Assert.Equal(HttpStatusCode.NotFound, provinceTeam.StatusCode);
        var tree = await WebApp.PageAsync(prefectureAdmin, "/Admin/Organisation");
        Assert.Equal("临川市委", tree.QuerySelector(".org-tree > li > article .unit-name")?.TextContent);
        Assert.Null(tree.QuerySelector($"#unit-{DemoOrganisation.Province.Value}"));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_FromTheAdminAndAccountPages()
    {
        var client = app.NewClient();

        foreach (var url in new[] { "/Admin/Users", "/Account/Manage", "/Account/Manage/ChangePassword", "/Account/Manage/EnableAuthenticator" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", AdminTestSupport.PathOf(response.Headers.Location));
        }
    }

    private async Task<string> ResolveAsync(string url) => url.Replace("{caseofficer}", await app.UserIdAsync("caseofficer"));
}
