using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;

namespace Investigation.Web.Tests.Admin;

/// <summary>Moving a user changes what they see, once they sign in again.</summary>
public sealed class ChangeUserUnitTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task ChangeUserUnit_MovesTheUser_AndTheAuditRecordSaysWhereFromAndTo()
    {
        var admin = await app.SignInAsync("admin");
        var id = await app.UserIdAsync("investigator2");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#unit-form", ("Input.UnitId", DemoOrganisation.Anping.Value.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = (await WebApp.PageAsync(admin, "/Admin/Users")).QuerySelector("#user-investigator2")?.TextContent;
        Assert.Contains("安平市委", row);
        Assert.Contains(await app.AuditAsync(), e => e.Action == "ChangeUserUnit"
            && e.Data.Contains($"{DemoOrganisation.Province.Value} -> {DemoOrganisation.Anping.Value}"));
    }

    [Fact]
    public async Task ChangeUserUnit_OfOneself_IsRefused()
    {
        var admin = await app.SignInAsync("admin");
        var id = await app.UserIdAsync("admin");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#unit-form", ("Input.UnitId", DemoOrganisation.Linchuan.Value.ToString()));

        Assert.Contains("不能把自己调到其他单位", await AdminTestSupport.MessageAsync(response));
    }
}
