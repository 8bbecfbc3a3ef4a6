using System.Net;
using Investigation.Web.Tests.Admin;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Account;

/// <summary>Five wrong passwords lock the account (IdentitySetup); an administrator can unlock it.</summary>
public sealed class LockoutTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne_UntilAnAdministratorUnlocksIt()
    {
        var client = app.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Contains("用户名或密码错误", await AdminTestSupport.MessageAsync(await app.TrySignInAsync(client, "investigator-anping", $"Wrong-{attempt}")));

        var fifth = await app.TrySignInAsync(client, "investigator-anping", "Wrong-5");
        var right = await app.TrySignInAsync(client, "investigator-anping", WebApp.Password);

        Assert.Contains("账户已锁定", await AdminTestSupport.MessageAsync(fifth));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账户已锁定", await AdminTestSupport.MessageAsync(right));
        var admin = await app.SignInAsync("admin");
        Assert.Contains("锁定至", (await WebApp.PageAsync(admin, "/Admin/Users")).QuerySelector("#user-investigator-anping .locked")?.TextContent);

        await admin.SubmitAsync($"/Admin/Users/Edit/{await app.UserIdAsync("investigator-anping")}", "#unlock-form");

        await app.SignInAsync("investigator-anping");
    }

    [Fact]
    public async Task TheLockout_EndsWhenTheApplicationsClockPassesFifteenMinutes_NotBefore()
    {
        var client = app.NewClient();
        for (var attempt = 1; attempt <= 5; attempt++)
            await app.TrySignInAsync(client, "investigator-linchuan", $"Wrong-{attempt}");
        Assert.Contains("账户已锁定", await AdminTestSupport.MessageAsync(await app.TrySignInAsync(client, "investigator-linchuan", WebApp.Password)));

        // Identity would read the system clock; the application's clock decides, as it does on the users page.
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("账户已锁定", await AdminTestSupport.MessageAsync(await app.TrySignInAsync(client, "investigator-linchuan", WebApp.Password)));
        app.Clock.Advance(TimeSpan.FromMinutes(1).Add(TimeSpan.FromSeconds(1)));

        await app.SignInAsync("investigator-linchuan");
    }
}
