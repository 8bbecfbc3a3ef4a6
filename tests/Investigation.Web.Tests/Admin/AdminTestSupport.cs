using System.Net;
using AngleSharp.Html.Dom;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Admin;

/// <summary>Posting the admin and account forms as a browser would, and reading what they wrote.</summary>
internal static class AdminTestSupport
{
    /// <summary>
    /// Opens the page, takes the form, and posts its hidden fields (the antiforgery token among them)
    /// with the given values; a name may repeat, as ticked checkboxes do.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, string selector, params (string Name, string Value)[] values)
    {
        var page = await WebApp.PageAsync(client, url);
        var form = page.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {url}.");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name) && values.All(v => v.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> CreateUserAsync(this HttpClient admin, string userName, Guid unitId, string password, params string[] roles) =>
        await admin.SubmitAsync("/Admin/Users/Create", "main form[method=post]",
            [("Input.UserName", userName), ("Input.DisplayName", $"{userName} 的姓名"), ("Input.UnitId", unitId.ToString()),
             ("Input.Password", password), .. roles.Select(r => ("Input.Roles", r))]);

    /// <summary>A client that only tries to sign in: the answer is the login page's, not a signed-in client.</summary>
    public static async Task<HttpResponseMessage> TrySignInAsync(this WebApp app, HttpClient client, string userName, string password) =>
        await client.SubmitAsync("/Account/Login", "main form[method=post]", ("Input.UserName", userName), ("Input.Password", password));

    public static HttpClient NewClient(this WebApp app) =>
        app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<T> ReadAsync<T>(this WebApp app, Func<InvestigationDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    public static Task<string> UserIdAsync(this WebApp app, string userName) =>
        app.ReadAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<List<AuditEntry>> AuditAsync(this WebApp app) =>
        app.ReadAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    /// <summary>The page answered that the role is missing: a redirect to the access-denied page, which says 403.</summary>
    public static async Task AssertAccessDeniedAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", PathOf(response.Headers.Location));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
    }

    /// <summary>Text as the audit record holds it: the command serialized to JSON, where non-ASCII characters are escaped.</summary>
    /// <summary>How the audit record writes a text inside its JSON data (Chinese kept readable).</summary>
    public static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1];

    /// <summary>The path and query of a redirect, whether its location is absolute or not.</summary>
    public static string PathOf(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>The message shown at the top of the form, or next to the named field.</summary>
    public static async Task<string> MessageAsync(HttpResponseMessage response, string? field = null)
    {
        var page = await WebApp.ParseAsync(response);
        var element = field is null ? page.QuerySelector("main [role=alert]") : page.QuerySelector($"[data-valmsg-for='{field}']");
        return element?.TextContent.Trim() ?? "";
    }
}
