using System.Net;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Tasks;

/// <summary>
/// The list pages (inbox, done, cases, notifications, audit) show the page asked for or say why not: a page, order or
/// filter out of range or unreadable is refused with a message on the page (400), never clamped silently to page 1.
/// </summary>
public sealed class ListPagingTests(WebApp app) : IClassFixture<WebApp>
{
    [Theory]
    [InlineData("investigator", "/Tasks?p=0")]
    [InlineData("investigator", "/Tasks?p=-1")]
    [InlineData("investigator", "/Tasks?p=abc")]
    [InlineData("investigator", "/Tasks?p=100001")]
    [InlineData("investigator", "/Tasks?sort=99")]
    [InlineData("investigator", "/Tasks?sort=NoSuchColumn")]
    [InlineData("investigator", "/Tasks?scope=7")]
    [InlineData("investigator", "/Tasks/Completed?p=0")]
    [InlineData("caseofficer", "/Cases?p=-3")]
    [InlineData("caseofficer", "/Cases?p=99999999999")]
    [InlineData("caseofficer", "/Cases?status=99")]
    [InlineData("caseofficer", "/Cases?circumstance=NoSuchCircumstance")]
    [InlineData("investigator", "/Notifications?p=0")]
    [InlineData("auditor", "/Audit?p=0")]
    public async Task AListPage_OutOfRange_IsRefusedWithAMessage(string user, string url)
    {
        var client = await app.SignInAsync(user);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await WebApp.ParseAsync(response);
        var message = page.QuerySelector("main .validation-summary-errors")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(message), $"No message on {url}.");
        Assert.Contains(message!, c => c is >= '\u4e00' and <= '\u9fff');
    }

    [Theory]
    [InlineData("investigator", "/Tasks?p=1&sort=Title&desc=true")]
    [InlineData("investigator", "/Tasks?p=3")]
    [InlineData("caseofficer", "/Cases?p=2")]
    [InlineData("auditor", "/Audit?p=1")]
    public async Task AListPage_InRange_IsShownWithoutAMessage(string user, string url)
    {
        var client = await app.SignInAsync(user);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await WebApp.ParseAsync(response)).QuerySelector("main .validation-summary-errors"));
    }
}
