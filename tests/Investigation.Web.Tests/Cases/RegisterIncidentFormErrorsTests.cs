using System.Net;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Cases;

/// <summary>The register page shows every error of a submit at once, and a date of 0001-01-01 gets a field message.</summary>
public sealed class RegisterIncidentFormErrorsTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Register_WithoutADate_ShowsEveryOtherMessageToo_AndYearOneIsAFieldMessage()
    {
        var officer = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(officer, "/Cases/Register");

        var response = await officer.PostAsync("/Cases/Register", WebApp.Fields(form, new()
        {
            ["Input.Title"] = "",
            ["Input.OccurredAt"] = "",
            ["Input.Facts.PortalParalysis.Alleged"] = "true",
            ["Input.Facts.PortalParalysis.DownAt"] = "0001-01-01T00:00",
            ["Input.Facts.PortalParalysis.SiteLevel"] = "99",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await WebApp.ParseAsync(response);
        string? Message(string field) => page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } m ? m : null;
        Assert.NotNull(Message("Input.OccurredAt"));
        Assert.NotNull(Message("Input.Title"));
        Assert.NotNull(Message("Input.Description"));
        Assert.Contains("2017", Message("Input.Facts.PortalParalysis.DownAt"));
        Assert.NotNull(Message("Input.Facts.PortalParalysis.SiteLevel"));
    }
}
