using System.Net;
using Investigation.Web.Tests.Admin;
using Investigation.Web.Tests.Support;
using OtpNet;

namespace Investigation.Web.Tests.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app: set up with the shared key, verified with a code the
/// test computes as the app would (RFC 6238, with Otp.NET), then asked for at every sign-in.
/// </summary>
public sealed class EnableAuthenticatorTests(WebApp app) : IClassFixture<WebApp>
{
    // Identity checks codes against the real time, as the phone does.
    private static string CodeNow(string key) => Code(key, DateTimeOffset.UtcNow);

    private static string Code(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    /// <summary>A code of six digits that is none of those Identity accepts now (it allows two steps either side).</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => $"{i * 10101:D6}").First(c => !valid.Contains(c));
    }

    /// <summary>Generates a key on the set-up page and reads it back as a person would copy it.</summary>
    private static async Task<string> NewKeyAsync(HttpClient client)
    {
        var generated = await client.SubmitAsync("/Account/Manage/EnableAuthenticator", "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var setup = await WebApp.PageAsync(client, "/Account/Manage/EnableAuthenticator");
        return setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
    }

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(string userName)
    {
        var client = await app.SignInAsync(userName);
        var key = await NewKeyAsync(client);
        var enabled = await client.SubmitAsync("/Account/Manage/EnableAuthenticator", "#verify-form", ("Input.Code", CodeNow(key)));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = (await WebApp.ParseAsync(enabled)).QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();
        return (key, codes);
    }

    private async Task<HttpClient> PasswordStepAsync(string userName)
    {
        var browser = app.NewClient();
        var first = await app.TrySignInAsync(browser, userName, WebApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/Account/LoginWith2fa", AdminTestSupport.PathOf(first.Headers.Location));
        return browser;
    }

    [Fact]
    public async Task EnableAuthenticator_ThenSignInNeedsTheSecondStep_AWrongCodeIsRefused_AndTheRightOneSignsIn()
    {
        var client = await app.SignInAsync("partycommittee-linchuan");
        var key = await NewKeyAsync(client);
        var setup = await WebApp.PageAsync(client, "/Account/Manage/EnableAuthenticator");
        Assert.Equal($"otpauth://totp/Investigation:partycommittee-linchuan?secret={key}&issuer=Investigation&digits=6",
            setup.QuerySelector("#authenticator-uri")?.TextContent);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", setup.QuerySelector("#shared-key")?.TextContent);
        var refusedAtSetUp = await client.SubmitAsync("/Account/Manage/EnableAuthenticator", "#verify-form", ("Input.Code", WrongCode(key)));
        Assert.Contains("验证码无效", await AdminTestSupport.MessageAsync(refusedAtSetUp, "Input.Code"));

        var enabled = await client.SubmitAsync("/Account/Manage/EnableAuthenticator", "#verify-form", ("Input.Code", CodeNow(key)));

        var codes = (await WebApp.ParseAsync(enabled)).QuerySelectorAll("#recovery-codes code");
        Assert.Equal(10, codes.Length);
        Assert.Contains("已启用", (await WebApp.PageAsync(client, "/Account/Manage")).QuerySelector("#two-factor-status")?.TextContent);
        // The recovery codes are shown once: the set-up page no longer has them.
        Assert.Empty((await WebApp.PageAsync(client, "/Account/Manage/EnableAuthenticator")).QuerySelectorAll("#recovery-codes"));

        var browser = await PasswordStepAsync("partycommittee-linchuan");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Tasks")).StatusCode);
        var wrong = await browser.SubmitAsync("/Account/LoginWith2fa", "#code-form", ("Input.Code", WrongCode(key)));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("验证码错误", await AdminTestSupport.MessageAsync(wrong));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Tasks")).StatusCode);

        var right = await browser.SubmitAsync("/Account/LoginWith2fa", "#code-form", ("Input.Code", CodeNow(key)));

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", AdminTestSupport.PathOf(right.Headers.Location));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Tasks")).StatusCode);
        var audit = await app.AuditAsync();
        Assert.Contains(audit, e => e.Action == "EnableAuthenticator" && e.Actor == "partycommittee-linchuan");
        Assert.All(audit, e => Assert.DoesNotContain(key, e.Data));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var (_, codes) = await EnableAsync("investigator2-linchuan");
        var browser = await PasswordStepAsync("investigator2-linchuan");

        var used = await browser.SubmitAsync("/Account/LoginWith2fa", "#recovery-form", ("Input.RecoveryCode", codes[0]));

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Tasks")).StatusCode);
        var again = await PasswordStepAsync("investigator2-linchuan");
        var reused = await again.SubmitAsync("/Account/LoginWith2fa", "#recovery-form", ("Input.RecoveryCode", codes[0]));
        Assert.Contains("已使用", await AdminTestSupport.MessageAsync(reused));
    }

    [Fact]
    public async Task DisableAuthenticator_LetsThePasswordAloneSignIn()
    {
        var (key, _) = await EnableAsync("caseofficer-anping");
        var browser = await PasswordStepAsync("caseofficer-anping");
        var signedIn = await browser.SubmitAsync("/Account/LoginWith2fa", "#code-form", ("Input.Code", CodeNow(key)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var disabled = await browser.SubmitAsync("/Account/Manage/DisableAuthenticator", "main form[method=post]");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("未启用", (await WebApp.PageAsync(browser, "/Account/Manage")).QuerySelector("#two-factor-status")?.TextContent);
        await app.SignInAsync("caseofficer-anping");
    }

    [Fact]
    public async Task LoginWith2fa_WithoutThePasswordStep_SendsBackToSignIn()
    {
        var response = await app.NewClient().GetAsync("/Account/LoginWith2fa");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", AdminTestSupport.PathOf(response.Headers.Location));
    }
}
