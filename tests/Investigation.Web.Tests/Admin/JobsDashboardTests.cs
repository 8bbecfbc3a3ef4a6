using System.Net;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Admin;

/// <summary>
/// Hangfire's dashboard at /Admin/Jobs, under the application's sign-in: administrators see and act,
/// auditors only see, everyone else is refused as on any admin page.
/// </summary>
public sealed class JobsDashboardTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task SignedOut_IsSentToSignIn()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/Admin/Jobs/recurring");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
    }

    [Theory]
    [InlineData("caseofficer")]
    [InlineData("investigator")]
    public async Task OtherRoles_AreRefused(string userName)
    {
        var client = await app.SignInAsync(userName);

        await client.AssertAccessDeniedAsync(await client.GetAsync("/Admin/Jobs"));
        await client.AssertAccessDeniedAsync(await client.GetAsync("/Admin/Jobs/recurring"));
    }

    [Fact]
    public async Task Administrator_SeesTheRecurringJobs_AndMayTriggerThem()
    {
        var client = await app.SignInAsync("admin");

        var response = await client.GetAsync("/Admin/Jobs/recurring");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("deadline-sweep", html);
        Assert.Contains("audit-chain-check", html);
        Assert.Contains("recurring/trigger", html); // the "trigger now" command is offered
    }

    [Fact]
    public async Task Auditor_SeesTheJobs_ButCannotAct()
    {
        var client = await app.SignInAsync("auditor");

        var page = await client.GetAsync("/Admin/Jobs/recurring");
        var html = await page.Content.ReadAsStringAsync();
        var trigger = await client.PostAsync("/Admin/Jobs/recurring/trigger", new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "deadline-sweep" }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("deadline-sweep", html);
        Assert.DoesNotContain("recurring/trigger", html);
        Assert.False(trigger.IsSuccessStatusCode, $"{trigger.StatusCode}");
    }

    [Fact]
    public async Task AdminNavigation_LinksTheDashboard()
    {
        var client = await app.SignInAsync("admin");

        var nav = (await WebApp.PageAsync(client, "/Admin/Incidents")).QuerySelector("nav[aria-label] a[href='/Admin/Jobs']");

        Assert.NotNull(nav);
    }
}
