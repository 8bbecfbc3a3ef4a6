using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Investigation.Web.Tests.Fuzz;

/// <summary>
/// Every form of the register page, of each kind of task, of the administration and of the account, posted as the person allowed to use it, with
/// a valid antiforgery token and one field tampered at a time: a select value not in the list, a date of
/// 0001-01-01 or 9999-12-31 or no date at all, a number that is not one, an oversized text, a radio or box
/// with a value it does not offer. Each post must re-show the form (no 5xx, no raw JSON) with a message at
/// the tampered field, and change nothing.
/// </summary>
public sealed class MalformedFormPostsFuzzTests(WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    private const int Oversized = 120_000;

    private static readonly (string Kind, string User, CaseStatus Stage)[] Tasks =
    [
        (TaskKinds.Acceptance, "caseofficer", CaseStatus.Registered),
        (TaskKinds.PartyConcernedFindings, "investigator", CaseStatus.Investigating),
        (TaskKinds.CoordinationAssessment, "investigator", CaseStatus.Investigating),
        (TaskKinds.ResponsibilityDetermination, "investigator", CaseStatus.DeterminingResponsibility),
        (TaskKinds.Hearing, "investigator", CaseStatus.Hearing),
        (TaskKinds.AccountabilitySuggestion, "caseofficer", CaseStatus.DraftingSuggestion),
        (TaskKinds.DisciplineReview, "disciplinereviewer", CaseStatus.UnderReview),
        (TaskKinds.ReviewApproval, "disciplineapprover", CaseStatus.AwaitingApproval),
        (TaskKinds.Decision, "partycommittee", CaseStatus.AwaitingDecision),
        (TaskKinds.Acknowledgement, "cadremanagement", CaseStatus.Decided),
    ];

    [Fact]
    public async Task EveryForm_ReshowsEveryTamperedPost_WithAMessageAtTheField_AndChangesNothing()
    {
        var now = app.Clock.GetUtcNow();
        var pages = new List<(string User, string Url)> { ("caseofficer", "/Cases/Register") };
        foreach (var (kind, user, stage) in Tasks)
        {
            var caseId = (await app.Script.RegisterPortalOutageAsync(now, title: $"表单模糊测试 {kind}")).CaseId;
            await app.Script.RunToAsync(caseId, stage, DateOnly.FromDateTime(now.UtcDateTime));
            var task = await app.Script.TaskAsync(caseId, kind, user);
            pages.Add((user, $"/Tasks/Complete/{task}"));
            // The administrator may move the due date: that form too.
            if (kind == TaskKinds.Acceptance) pages.Add(("admin", $"/Tasks/Complete/{task}"));
        }
        // The administration's and the account's forms too.
        var unit = Investigation.Workflows.Demo.DemoOrganisation.ProvincialGovernmentOffice.Value;
        pages.AddRange([
            ("admin", "/Admin/Users/Create"), ("admin", "/Admin/Organisation/AddUnit"), ("admin", "/Admin/Organisation/AddPerson"),
            ("admin", $"/Admin/Organisation/EditUnit/{unit}"), ("admin", $"/Admin/Organisation/Leadership/{unit}"),
            ("auditor", "/Account/Manage/ChangePassword"),
        ]);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in pages.Select(p => p.User).Distinct()) clients[user] = await app.SignInAsync(user);

        var before = await StateAsync();
        var failures = new List<string>();
        var sent = 0;
        foreach (var (user, url) in pages)
        {
            var client = clients[user];
            var document = await WebApp.PageAsync(client, url);
            var forms = document.QuerySelectorAll("main form[method=post]").OfType<IHtmlFormElement>()
                .Where(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "__RequestVerificationToken"))
                .Where(f => Fields(f).Any(x => x.Name != "__RequestVerificationToken"))
                .ToList();
            Assert.True(forms.Count > 0, $"No form on {url} for {user}.");
            foreach (var form in forms)
            {
                // A form without an action posts back to its own page.
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                var baseFields = Fields(form);
                // Every section of the register page alleged, so that each section's fields are read.
                foreach (var alleged in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name?.EndsWith(".Alleged") == true && i.Type == "checkbox"))
                    baseFields.Add((alleged.Name!, "true"));
                foreach (var (name, value, kind) in Mutations(form))
                {
                    // A restoration later than now is the domain's rule (PortalParalysisFacts): it is refused, with its message at the top of
                    // the form, once the form's fields are otherwise valid; on this empty form nothing reaches it.
                    if (name.EndsWith("PortalParalysis.RestoredAt") && kind == "maximum date") continue;
                    sent++;
                    var fields = baseFields.Where(f => f.Name != name).Append((Name: name, Value: value)).Select(f => new KeyValuePair<string, string>(f.Name, f.Value));
                    var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
                    var what = $"{url} {action.Split('?').LastOrDefault()} {kind} {name}";
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    if (status >= 500) failures.Add($"{what}: {status}");
                    else if (status is 301 or 302 or 303) failures.Add($"{what}: accepted ({status} to {response.Headers.Location})");
                    else if (response.Content.Headers.ContentType?.MediaType != "text/html" || body.TrimStart().StartsWith('{'))
                        failures.Add($"{what}: {status} answered with {response.Content.Headers.ContentType?.MediaType}: {body[..Math.Min(200, body.Length)]}");
                    else
                    {
                        var page = await WebApp.ParseAsync(response);
                        var message = page.QuerySelectorAll($"[data-valmsg-for='{name}'], [data-valmsg-for='{Stem(name)}']")
                            .Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0);
                        if (message is null) failures.Add($"{what}: re-shown with no message at the field");
                    }
                }
            }
        }
        var after = await StateAsync();

        foreach (var line in failures) output.WriteLine(line);
        output.WriteLine($"{sent} tampered posts, {failures.Count} failures.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} tampered posts were not refused properly:\n" + string.Join("\n", failures.Take(60)));
        Assert.Equal(before, after);
    }

    /// <summary>A list field ("RecordDecision.Measures[0].Forms") may carry its message on the list's name.</summary>
    private static string Stem(string name) => name.EndsWith(']') ? name[..name.LastIndexOf('[')] : name;

    private static List<(string Name, string Value)> Fields(IHtmlFormElement form)
    {
        var fields = new List<(string Name, string Value)>();
        foreach (var element in form.Elements)
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add((area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add((select.Name!, select.Value ?? ""));
                    break;
            }
        return fields;
    }

    private static IEnumerable<(string Name, string Value, string Kind)> Mutations(IHtmlFormElement form)
    {
        var seen = new HashSet<string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || name == "__RequestVerificationToken" || name.EndsWith(".Alleged") || !seen.Add(name)) continue;
            switch (element)
            {
                case IHtmlSelectElement:
                    yield return (name, "99", "select value not in the list");
                    yield return (name, "NoSuchChoice", "select value not in the list");
                    break;
                case IHtmlInputElement { Type: "datetime-local" }:
                    yield return (name, "0001-01-01T00:00", "minimum date");
                    yield return (name, "9999-12-31T23:59", "maximum date");
                    yield return (name, "not-a-date", "unreadable date");
                    break;
                case IHtmlInputElement { Type: "date" }:
                    yield return (name, "0001-01-01", "minimum date");
                    yield return (name, "9999-12-31", "maximum date");
                    yield return (name, "not-a-date", "unreadable date");
                    break;
                case IHtmlInputElement { Type: "number" }:
                    yield return (name, "abc", "not a number");
                    yield return (name, "-1", "negative number");
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" }:
                    yield return (name, "NoSuchChoice", "choice not offered");
                    break;
                case IHtmlInputElement { Type: "text" or "search" or "" } or IHtmlTextAreaElement:
                    yield return (name, new string('长', Oversized), "oversized");
                    break;
            }
        }
    }

    private async Task<string> StateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Investigation.Workflows.Data.InvestigationDbContext>();
        var cases = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Status).ToListAsync();
        var tasks = (await db.HumanTasks.Select(t => new { t.Id, t.Status, t.AssigneeId, t.DueAt, t.Version }).ToListAsync())
            .OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Status}:{t.AssigneeId}:{t.DueAt:O}:{t.Version}");
        return string.Join("\n", cases.Concat(tasks).Append($"audit={await db.AuditEntries.CountAsync()}")
            .Append($"bookmarks={await db.Bookmarks.CountAsync()}").Append($"instances={await db.WorkflowInstances.CountAsync()}")
            .Append($"changes={await db.DueDateChanges.CountAsync()}").Append($"notifications={await db.Notifications.CountAsync()}"));
    }
}
