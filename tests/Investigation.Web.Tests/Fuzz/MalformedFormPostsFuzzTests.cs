using System.Net;
using System.Reflection;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Evidence;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Investigation.Web.Tests.Fuzz;

/// <summary>
/// Every form of the application, posted as the person allowed to use it, with a valid antiforgery token and one
/// thing tampered at a time: a select value not in the list, a date of 0001-01-01 or 9999-12-31 or no date at all,
/// a number that is not one, an oversized text, a radio or box with a value it does not offer; the record the form
/// acts on replaced by one that does not exist; no antiforgery token; and for uploads an empty file, a forbidden or
/// unreadable one, one over the limit, none at all. Each post must be refused: the form re-shown with a message (at
/// the tampered field where the form has a place for it), or a clean 4xx page with its message; never a 5xx, never
/// raw JSON; and nothing changes (cases, tasks, audit entries, timers, evidence files, comments, users, organisation),
/// checked after every single post. Every page with a post handler is in the corpus: a test says which is missing.
/// </summary>
public sealed class MalformedFormPostsFuzzTests(WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    private const int Oversized = 120_000;

    /// <summary>
    /// The corpus: each page with post handlers, and its handlers ("" is OnPost), as the fuzz reaches them. A new page or
    /// handler must be added here and reached below (a form the fuzz finds, or a direct post).
    /// </summary>
    private static readonly Dictionary<string, string[]> Corpus = new()
    {
        ["/Cases/Register"] = [""],
        ["/Cases/Details"] = ["UploadEvidence", "Comment"],
        ["/Cases/RecordInvestigationReport"] = [""],
        ["/Cases/RecordDelivery"] = [""],
        ["/Cases/LodgeAppeal"] = [""],
        ["/Tasks/Complete"] =
        [
            "CompleteAcceptance", "RecordFindings", "AssessCoordination", "DetermineResponsibility", "Preview", "RecordHearing", "SubmitSuggestion",
            "ReviewCase", "ApproveReview", "RecordDecision", "CompleteOrganisationalAdjustment", "DecideAppeal", "AcknowledgeResult",
            "ChangeDueDate", "ReassignTask", "SaveDraft", "DiscardDraft",
        ],
        ["/Tasks/Index"] = ["Claim", "Release"],
        ["/Notifications/Index"] = ["Read", "ReadAll"],
        ["/Admin/Users/Create"] = [""],
        ["/Admin/Users/Edit"] = ["Roles", "Unit", "Lock", "Unlock", "ResetPassword"],
        ["/Admin/Organisation/AddUnit"] = [""],
        ["/Admin/Organisation/AddPerson"] = [""],
        ["/Admin/Organisation/EditUnit"] = ["", "Retire"],
        ["/Admin/Organisation/Leadership"] = [""],
        ["/Admin/Organisation/RetirePerson"] = [""],
        ["/Admin/Organisation/Import"] = [""],
        ["/Admin/Incidents"] = ["Retry"],
        ["/Account/Manage/ChangePassword"] = [""],
        ["/Account/Manage/EnableAuthenticator"] = ["", "NewKey"],
        ["/Account/Manage/DisableAuthenticator"] = [""],
        ["/Account/Login"] = [""],
        ["/Account/LoginWith2fa"] = ["", "Recovery"],
        ["/Account/Logout"] = [""],
        ["/Account/Language"] = [""],
        ["/Error"] = [""],
    };

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

    /// <summary>A post the fuzz sends without a form to copy (the page shows none in the state set up, or posts by script).</summary>
    /// <param name="RefusedTo">Where a refusal may send the person instead of answering itself (a second factor with no first: to the sign-in).</param>
    /// <param name="Script">Posted by the page's script, which shows the JSON answer's message: a 4xx with a message is its refusal.</param>
    private sealed record Direct(string User, string Url, string[] Fields, string? RefusedTo = null, bool Script = false);

    [Fact]
    public void EveryPageWithAPostHandler_HasAnEntryInTheCorpus()
    {
        var handlers = PostHandlers().ToList();
        var declared = Corpus.SelectMany(c => c.Value.Select(h => Key(c.Key, h))).ToHashSet();
        var missing = handlers.Where(h => !declared.Contains(h)).ToList();
        Assert.True(missing.Count == 0, "Post handlers the form fuzz does not cover (add them to its corpus): " + string.Join(", ", missing));
        var stale = declared.Where(d => !handlers.Contains(d)).ToList();
        Assert.True(stale.Count == 0, "The corpus names handlers that no page has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryForm_RefusesEveryTamperedPost_WithAMessage_AndChangesNothing()
    {
        var now = app.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pages = new List<(string User, string Url)> { ("caseofficer", "/Cases/Register") };
        Guid someCase = default, someTask = default;
        foreach (var (kind, user, stage) in Tasks)
        {
            var caseId = (await app.Script.RegisterPortalOutageAsync(now, title: $"表单模糊测试 {kind}")).CaseId;
            await app.Script.RunToAsync(caseId, stage, today);
            if (kind == TaskKinds.AccountabilitySuggestion)
            {
                // The team's report is open to amendment while the suggestion is drafted (Article 11); the suggestion waits for it.
                pages.Add(("investigator", $"/Cases/RecordInvestigationReport/{caseId}"));
                await app.Script.ReportAsync(caseId, today);
            }
            var task = await app.Script.TaskAsync(caseId, kind, user);
            pages.Add((user, $"/Tasks/Complete/{task}"));
            // The administrator may move the due date and hand the task over: those forms too.
            if (kind == TaskKinds.Acceptance) pages.Add(("admin", $"/Tasks/Complete/{task}"));
            if (kind == TaskKinds.PartyConcernedFindings) (someCase, someTask) = (caseId, task);
        }
        // The execution of a decision: its delivery, the organisation department's task, an appeal and its answer.
        var decided = (await app.Script.RegisterPortalOutageAsync(now, title: "表单模糊测试 送达")).CaseId;
        await app.Script.RunToAsync(decided, CaseStatus.AwaitingDecision, today);
        await app.Script.DecideWithAdjustmentAsync(decided, today);
        pages.Add(("partycommittee", $"/Cases/RecordDelivery/{decided}"));
        var delivered = (await app.Script.RegisterPortalOutageAsync(now, title: "表单模糊测试 申诉")).CaseId;
        await app.Script.RunToAsync(delivered, CaseStatus.AwaitingDecision, today);
        await app.Script.DecideWithAdjustmentAsync(delivered, today);
        await app.Script.SendAs("partycommittee", new RecordDelivery.Command(delivered, today, "本人及其所在党组织"));
        pages.Add(("partycommittee", $"/Cases/LodgeAppeal/{delivered}"));
        pages.Add(("cadremanagement", $"/Tasks/Complete/{await app.Script.TaskAsync(delivered, TaskKinds.OrganisationalAdjustment, "cadremanagement")}"));
        var appellant = (await app.Script.SendAs("auditor", new GetCase.Query(delivered))).Case.PeopleHeldResponsible.First().Value;
        await app.Script.SendAs("partycommittee", new LodgeAppeal.Command(delivered, TargetKind.Cadre, appellant, today, "请求改为通报。"));
        pages.Add(("partycommittee", $"/Tasks/Complete/{await app.Script.TaskAsync(delivered, TaskKinds.AppealDecision, "partycommittee")}"));
        // A case's evidence and comments; the inbox's claim and release; notifications.
        pages.AddRange([("investigator", $"/Cases/Details/{someCase}"), ("investigator2", "/Tasks"), ("investigator", "/Notifications")]);
        // The administration's and the account's forms.
        var unit = Investigation.Workflows.Demo.DemoOrganisation.ProvincialGovernmentOffice.Value;
        var userId = await UserIdAsync("investigator2");
        pages.AddRange([
            ("admin", "/Admin/Users/Create"), ("admin", $"/Admin/Users/Edit/{userId}"), ("admin", "/Admin/Organisation/AddUnit"),
            ("admin", "/Admin/Organisation/AddPerson"), ("admin", $"/Admin/Organisation/EditUnit/{unit}"), ("admin", $"/Admin/Organisation/Leadership/{unit}"),
            ("admin", "/Admin/Organisation"), ("admin", "/Admin/Organisation/Import"),
            ("auditor", "/Account/Manage/ChangePassword"), ("auditor", "/Account/Manage/EnableAuthenticator"), ("", "/Account/Login"),
        ]);
        // Handlers with no form in the state set up here: a locked user's unlock, a faulted case's retry, a second factor's
        // sign-in, the authenticator's confirmation and removal, the error page.
        var directs = new List<Direct>
        {
            new("admin", $"/Admin/Users/Edit/{userId}?handler=Unlock", []),
            new("investigator", $"/Tasks?handler=Release&id={Guid.NewGuid()}", []),
            new("auditor", "/Account/Language", ["culture", "returnUrl"]),
            new("admin", "/Admin/Incidents?handler=Retry", ["caseId"]),
            new("", "/Account/LoginWith2fa", ["Input.Code", "Input.RememberMachine"], RefusedTo: "/Account/Login"),
            new("", "/Account/LoginWith2fa?handler=Recovery", ["Input.RecoveryCode"], RefusedTo: "/Account/Login"),
            new("auditor", "/Account/Manage/EnableAuthenticator", ["Input.Code"]),
            new("auditor", "/Account/Manage/DisableAuthenticator", []),
            new("auditor", "/Error", ["code"]),
            // Save-draft is sent by script; its discard button shows only once a draft exists.
            new("investigator", $"/Tasks/Complete/{someTask}?handler=SaveDraft", ["values"], Script: true),
            new("investigator", $"/Tasks/Complete/{someTask}?handler=DiscardDraft", []),
        };

        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in pages.Select(p => p.User).Concat(directs.Select(d => d.User)).Distinct())
            clients[user] = user == "" ? app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }) : await app.SignInAsync(user);

        var before = await StateAsync();
        var state = before;
        var failures = new List<string>();
        var reached = new HashSet<string>();
        var sent = 0;

        async Task SendAsync(HttpClient client, string what, string action, HttpContent content, string? field, string? slot, bool fieldRequired, string? refusedTo = null, bool script = false)
        {
            sent++;
            var response = await client.PostAsync(action, content);
            var problem = refusedTo is not null && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith(refusedTo)
                ? null : await CheckAsync(response, field, slot, fieldRequired, errorPage: action.StartsWith("/Error"), script);
            var now = await StateAsync();
            if (now != state)
            {
                problem = (problem is null ? "" : problem + "; ") + "changed the state";
                state = now;
            }
            if (problem is not null) failures.Add($"{what}: {problem}");
        }

        foreach (var (user, url) in pages)
        {
            var client = clients[user];
            var document = await WebApp.PageAsync(client, url);
            var token = Token(document);
            // One form per handler: the organisation page has a retire button per person, the inbox a claim per task.
            var targets = Targets(document, url).DistinctBy(t => Key(HandlerOf(t.Action).Page, HandlerOf(t.Action).Handler)).ToList();
            Assert.True(targets.Count > 0, $"No form on {url} for {user}.");
            foreach (var (form, action, submit, formaction) in targets)
            {
                var (page, handler) = HandlerOf(action);
                reached.Add(Key(page, handler));
                var baseFields = form is null ? [] : Fields(form);
                if (!baseFields.Any(f => f.Name == "__RequestVerificationToken") && token is not null) baseFields.Add(("__RequestVerificationToken", token));
                if (submit is { } s) baseFields.Add(s);
                // Every section of the register page alleged, so that each section's fields are read.
                if (form is not null)
                    foreach (var alleged in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name?.EndsWith(".Alleged") == true && i.Type == "checkbox"))
                        baseFields.Add((alleged.Name!, "true"));
                var multipart = form?.Enctype == "multipart/form-data";
                var files = form?.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "file" && !string.IsNullOrEmpty(i.Name)).Select(i => i.Name!).ToList() ?? [];
                var slots = form?.QuerySelectorAll("[data-valmsg-for]").Select(e => e.GetAttribute("data-valmsg-for")!).ToHashSet() ?? [];
                var where = $"{user} {url} {page}?handler={handler}";

                HttpContent Content(IEnumerable<(string Name, string Value)> fields, (string Name, string FileName, byte[] Bytes)? file = null)
                {
                    if (!multipart) return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
                    var body = new MultipartFormDataContent();
                    foreach (var (n, v) in fields) body.Add(new StringContent(v), n);
                    if (file is { } f) body.Add(new ByteArrayContent(f.Bytes), f.Name, f.FileName);
                    return body;
                }

                // A button that posts the form elsewhere (the responsibility preview, which saves nothing) shares the form's fields, tampered for the form's own handler.
                if (form is not null && !formaction)
                    foreach (var (name, value, kind) in Mutations(form))
                    {
                        // A restoration later than now is the domain's rule (PortalParalysisFacts): it is refused, with its message at the top of
                        // the form, once the form's fields are otherwise valid; on this empty form nothing reaches it.
                        if (name.EndsWith("PortalParalysis.RestoredAt") && kind == "maximum date") continue;
                        var fields = baseFields.Where(f => f.Name != name).Append((Name: name, Value: value));
                        var slot = slots.Contains(name) ? name : slots.Contains(Stem(name)) ? Stem(name) : null;
                        await SendAsync(client, $"{where} {kind} {name}", action, Content(fields, Valid(files)), name, slot, fieldRequired: true);
                    }
                foreach (var file in files)
                    foreach (var (fileName, bytes, kind) in FileProbes(page))
                        // No file at all has its message at the field; a file that cannot be taken may be answered with a list of what is wrong in it.
                        await SendAsync(client, $"{where} {kind} {file}", action, Content(baseFields, fileName is null ? null : (file, fileName, bytes)),
                            file, fileName is null && slots.Contains(file) ? file : null, fieldRequired: false);
                // The record it acts on, one that does not exist.
                if (IdIn(action) is { } id)
                    await SendAsync(client, $"{where} unknown record", action.Replace(id, Guid.NewGuid().ToString()), Content(baseFields, Valid(files)), null, null, false);
                // No antiforgery token: refused before anything is read (the error page ignores tokens: it writes nothing).
                if (!IgnoresAntiforgery(page))
                    await SendAsync(client, $"{where} no antiforgery token", action,
                        Content(baseFields.Where(f => f.Name != "__RequestVerificationToken"), Valid(files)), null, null, false);
            }
        }

        foreach (var direct in directs)
        {
            var client = clients[direct.User];
            var token = Token(await WebApp.PageAsync(client, direct.User == "" ? "/Account/Login" : "/Account/Manage"))!;
            var (page, handler) = HandlerOf(direct.Url);
            reached.Add(Key(page, handler));
            var where = $"{direct.User} {direct.Url}";
            FormUrlEncodedContent Form(params (string, string)[] fields) =>
                new(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
            foreach (var field in direct.Fields)
                foreach (var value in new[] { "", "not-a-guid", Guid.NewGuid().ToString(), "-1", "99999999999999999999", new string('长', Oversized) })
                    await SendAsync(client, $"{where} {field}={value[..Math.Min(12, value.Length)]}", direct.Url, Form((field, value)), field, null, false, direct.RefusedTo, direct.Script);
            if (IdIn(direct.Url) is { } id)
                await SendAsync(client, $"{where} unknown record", direct.Url.Replace(id, Guid.NewGuid().ToString()), Form(), null, null, false, direct.RefusedTo, direct.Script);
            if (!IgnoresAntiforgery(page))
                await SendAsync(client, $"{where} no antiforgery token", direct.Url, new FormUrlEncodedContent([]), null, null, false, direct.RefusedTo, direct.Script);
        }
        var after = await StateAsync();

        foreach (var line in failures) output.WriteLine(line);
        output.WriteLine($"{sent} tampered posts, {failures.Count} failures.");
        var unreached = Corpus.SelectMany(c => c.Value.Select(h => Key(c.Key, h))).Where(k => !reached.Contains(k)).ToList();
        Assert.True(unreached.Count == 0, "Handlers of the corpus the fuzz never posted to: " + string.Join(", ", unreached));
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} tampered posts were not refused properly:\n" + string.Join("\n", failures.Take(80)));
        Assert.Equal(before, after);
    }

    // ---- The pages and their handlers

    private static string Key(string page, string handler) => handler == "" ? page : $"{page}?handler={handler}";

    /// <summary>Every OnPost handler of the web application's pages, as "/Area/Page?handler=Name" ("/Area/Page" for OnPost).</summary>
    private static IEnumerable<string> PostHandlers() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => Key(PageOf(t), HandlerName(m.Name))))
            .Distinct()
            .Order();

    private static string HandlerName(string method)
    {
        var name = method["OnPost".Length..];
        return name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name;
    }

    private static readonly Type[] PageTypes = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToArray();

    private static string PageOf(Type model) =>
        model.Namespace!["Investigation.Web.Pages".Length..].Replace('.', '/') + "/" + model.Name[..^"Model".Length];

    private static bool IgnoresAntiforgery(string page) =>
        PageTypes.First(t => PageOf(t) == page).GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null;

    /// <summary>The page and handler a post goes to: the longest page path the action starts with ("/Tasks" is "/Tasks/Index").</summary>
    private static (string Page, string Handler) HandlerOf(string action)
    {
        var uri = new Uri(new Uri("http://localhost"), action);
        var path = uri.AbsolutePath.TrimEnd('/');
        var page = PageTypes.Select(PageOf)
            .SelectMany(p => p.EndsWith("/Index") ? new[] { (Page: p, Path: p), (Page: p, Path: p[..^"/Index".Length]) } : [(Page: p, Path: p)])
            .Where(p => path.Equals(p.Path, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p.Path + "/", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Path.Length).First().Page;
        var handler = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue("handler", out var h) ? h.ToString() : "";
        return (page, handler);
    }

    private static string? IdIn(string action) =>
        System.Text.RegularExpressions.Regex.Match(action, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}") is { Success: true } m ? m.Value : null;

    private static string? Token(IDocument document) =>
        document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");

    /// <summary>
    /// What a page posts: each form of its main part (and each button of a form that posts elsewhere, and each htmx post),
    /// with the form's own action, and the value of its last named submit button (the action a person means, "import" not "preview").
    /// </summary>
    private static IEnumerable<(IHtmlFormElement? Form, string Action, (string, string)? Submit, bool FormAction)> Targets(IDocument document, string url)
    {
        // The page's own forms, and the header's (language, sign-out).
        foreach (var form in document.QuerySelectorAll("main form[method=post], header form[method=post], nav form[method=post]").OfType<IHtmlFormElement>())
        {
            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
            var submit = form.QuerySelectorAll("button[type=submit][name]").LastOrDefault() is { } b ? (b.GetAttribute("name")!, b.GetAttribute("value") ?? "") : ((string, string)?)null;
            yield return (form, action, submit, false);
            foreach (var button in form.QuerySelectorAll("button[formaction]"))
                yield return (form, button.GetAttribute("formaction")!, null, true);
        }
        foreach (var element in document.QuerySelectorAll("main [hx-post]"))
            yield return (null, element.GetAttribute("hx-post")!, null, false);
    }

    /// <summary>A list field ("RecordDecision.Measures[0].Forms") may carry its message on the list's name.</summary>
    private static string Stem(string name) => name.EndsWith(']') ? name[..name.LastIndexOf('[')] : name;

    private static List<(string Name, string Value)> Fields(IHtmlFormElement form)
    {
        var fields = new List<(string Name, string Value)>();
        foreach (var element in form.Elements)
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type != "file" && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
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
                case IHtmlInputElement { Type: "text" or "search" or "password" or "" } or IHtmlTextAreaElement:
                    yield return (name, new string('长', Oversized), "oversized");
                    break;
            }
        }
    }

    // ---- Uploads

    /// <summary>A file each upload form accepts, sent with every other tampering so that only the tampered thing is wrong.</summary>
    private static (string Name, string FileName, byte[] Bytes)? Valid(List<string> files) => files switch
    {
        ["Upload"] => ("Upload", "organisation.xlsx", Workbook.Value),
        [var name] => (name, "note.txt", "值班记录。"u8.ToArray()),
        _ => null,
    };

    private static readonly Lazy<byte[]> Workbook = new(() => Investigation.Workflows.Features.Admin.OrganisationFile.Empty.ToXlsx());

    /// <summary>Files no upload takes (null: no file at all).</summary>
    private static IEnumerable<(string? FileName, byte[] Bytes, string Kind)> FileProbes(string page)
    {
        yield return (null, [], "no file");
        if (page == "/Admin/Organisation/Import")
        {
            yield return ("organisation.xlsx", [], "empty file");
            yield return ("organisation.txt", "单位,上级\n省委网信办,\n"u8.ToArray(), "not a workbook");
            yield return ("organisation.xlsx", Workbook.Value[..(Workbook.Value.Length / 2)], "truncated workbook");
            yield return ("organisation.xlsx", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray(), "garbage workbook");
            yield return ("organisation.xlsx", new byte[22 * 1024 * 1024], "over the limit");
            foreach (var json in new[] { "not json", "[]", "null", "{\"units\": 5}", "{\"units\": [null]}", "{\"units\": [{\"name\": 12, \"kind\": \"NoSuchKind\"}]}",
                         "{\"units\": [{\"name\": \"甲\"}], \"people\": \"x\"}", new string('[', 5000) + new string(']', 5000) })
                yield return ("organisation.json", Encoding.UTF8.GetBytes(json), $"JSON {json[..Math.Min(24, json.Length)]}");
        }
        else
        {
            yield return ("notes.pdf", [], "empty file");
            yield return ("tool.exe", "MZ\u0090\0"u8.ToArray(), "forbidden type");
            yield return ("page.html", "<script>alert(1)</script>"u8.ToArray(), "forbidden type");
            yield return (new string('长', 300) + ".pdf", "%PDF-1.4"u8.ToArray(), "file name too long");
            yield return ("scan.pdf", new byte[21 * 1024 * 1024], "over the limit");
        }
    }

    // ---- What each answer must be

    /// <param name="errorPage">The error page is itself the answer: it need only say what went wrong.</param>
    /// <param name="script">A handler the page's script posts to: a 4xx JSON answer with a message in the person's language is its refusal.</param>
    private static async Task<string?> CheckAsync(HttpResponseMessage response, string? field, string? slot, bool fieldRequired, bool errorPage, bool script = false)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return $"{status}";
        if (status is 301 or 302 or 303) return $"accepted ({status} to {response.Headers.Location})";
        if (script && status is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType == "application/json")
            return System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("message", out var said)
                   && said.GetString() is { } text && text.Any(c => c is >= '\u4e00' and <= '\u9fff') ? null : $"{status} JSON without a message: {body}";
        if (response.Content.Headers.ContentType?.MediaType != "text/html" || body.TrimStart().StartsWith('{'))
            return $"{status} answered with {response.Content.Headers.ContentType?.MediaType}: {body[..Math.Min(200, body.Length)]}";
        var page = await WebApp.ParseAsync(response);
        static bool Chinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');
        if (slot is not null)
        {
            // The form has a place for this field's message: it must be there.
            var atField = page.QuerySelectorAll($"[data-valmsg-for='{slot}']").Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0);
            return atField is null ? "re-shown with no message at the field" : null;
        }
        if (fieldRequired && field is not null && page.QuerySelectorAll($"[data-valmsg-for='{field}'], [data-valmsg-for='{Stem(field)}']").Any(e => e.TextContent.Trim().Length > 0))
            return null;
        // A refusal page (4xx) or the form again: a message in the person's language (Chinese, the default).
        var messages = page.QuerySelectorAll(status >= 400 || errorPage
                ? "main"
                : "main .field-validation-error, main .validation-summary-errors, main [role=alert], main [data-valmsg-for]")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0 && Chinese(t)).ToList();
        if (messages.Count == 0) return $"{status} with no message";
        return null;
    }

    // ---- State

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Investigation.Workflows.Data.InvestigationDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>What must not change: cases, tasks, audit, timers, workflows, due-date changes, notifications, evidence, comments, users and their roles, the organisation.</summary>
    private async Task<string> StateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Investigation.Workflows.Data.InvestigationDbContext>();
        var cases = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Status).ToListAsync();
        var tasks = (await db.HumanTasks.Select(t => new { t.Id, t.Status, t.AssigneeId, t.DueAt, t.Version }).ToListAsync())
            .OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Status}:{t.AssigneeId}:{t.DueAt:O}:{t.Version}");
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.SecurityStamp + ":" + u.ConcurrencyStamp).ToListAsync();
        var units = await db.Units.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.Name + ":" + u.ParentId + ":" + u.Retired).ToListAsync();
        var people = await db.People.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Name + ":" + p.UnitId + ":" + p.Retired).ToListAsync();
        // The folder holding one (made-up) file's path, two levels up: the evidence root.
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(scope.ServiceProvider.GetRequiredService<IEvidenceFolder>().PathOf(Guid.Empty)))!;
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count() : 0;
        return string.Join("\n", cases.Concat(tasks).Concat(users).Concat(units).Concat(people)
            .Append($"audit={await db.AuditEntries.CountAsync()}")
            .Append($"bookmarks={await db.Bookmarks.CountAsync()}").Append($"instances={await db.WorkflowInstances.CountAsync()}")
            .Append($"changes={await db.DueDateChanges.CountAsync()}").Append($"notifications={await db.Notifications.CountAsync(n => n.ReadAt == null)}")
            .Append($"evidence={await db.Set<EvidenceFile>().CountAsync()}:{files}").Append($"comments={await db.Set<CaseComment>().CountAsync()}")
            .Append($"roles={await db.UserRoles.CountAsync()}").Append($"appointments={await db.Appointments.CountAsync()}"));
    }
}
