using System.Net;
using Investigation.Domain.Cases;
using Investigation.Domain.TraceBack;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Tasks;

/// <summary>The task page (GetTask): its form and refusals, who may work it, who may see it, and the case beside it.</summary>
public sealed class CompleteTaskTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateOnly DecidedOn = new(2026, 3, 2);

    private async Task<Guid> AcceptedCaseAsync(string title)
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title)).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Investigating, DecidedOn);
        return id;
    }

    private async Task<Case> CaseOf(Guid caseId) => (await app.Script.SendAs("auditor", new GetCase.Query(caseId))).Case;

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;

    [Fact]
    public async Task Findings_WithoutFactsOrAChoice_ShowMessagesNextToTheFields_AndChangeNothing()
    {
        var id = await AcceptedCaseAsync("缺少事实");
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var client = await app.SignInAsync("investigator");
        var form = await TaskForms.FormAsync(client, task, "RecordFindings");

        // First the choice nobody can guess, then the command's own rules.
        var unchosen = await WebApp.ParseAsync(await TaskForms.PostAsync(client, form, new() { ["RecordFindings.Findings[0].PersonId"] = CaseScript.Operator.ToString() }));
        Assert.Contains("请选择是否负有责任", unchosen.QuerySelector("[data-valmsg-for='RecordFindings.Findings[0].Responsible']")!.TextContent);

        var response = await TaskForms.PostAsync(client, form, new()
        {
            ["RecordFindings.Findings[0].PersonId"] = CaseScript.Operator.ToString(),
            ["RecordFindings.Findings[0].Responsible"] = "false",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebApp.ParseAsync(response);
        Assert.Contains("请写明调查结论所依据的事实", page.QuerySelector("[data-valmsg-for='RecordFindings.Findings[0].Facts']")!.TextContent);
        Assert.Contains("证据", page.QuerySelector("[data-valmsg-for='RecordFindings.Findings[0].Evidence']")!.TextContent);
        Assert.Contains("不负有责任的理由", page.QuerySelector("[data-valmsg-for='RecordFindings.Findings[0].ReasonNotResponsible']")!.TextContent);
        // The person's choices are kept for them to correct.
        Assert.True(page.QuerySelector("input[name='RecordFindings.Findings[0].Responsible'][value=false]")!.HasAttribute("checked"));
        var c = await CaseOf(id);
        Assert.Equal(LevelStatus.Open, c.Chain![TraceBackLevel.PartyConcerned].Status);
        Assert.Empty(c.Chain[TraceBackLevel.PartyConcerned].Findings);
    }

    [Fact]
    public async Task Suggestion_ErrorsOfALaterRow_LandOnThatRow_ThoughBlankRowsAreNotSent()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "建议行号")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.DraftingSuggestion, DecidedOn);
        var client = await app.SignInAsync("caseofficer");
        var form = await TaskForms.FormAsync(client, await app.Script.TaskAsync(id, TaskKinds.AccountabilitySuggestion, "caseofficer"), "SubmitSuggestion");

        var response = await TaskForms.PostAsync(client, form, null, ("SubmitSuggestion.Proposals[2].Forms", "Admonishment"));

        var page = await WebApp.ParseAsync(response);
        var rows = page.QuerySelectorAll("main form[action*='handler=SubmitSuggestion'] > fieldset");
        Assert.Contains("请说明提出该建议的理由", rows[2].TextContent);
        Assert.DoesNotContain("请说明提出该建议的理由", rows[0].TextContent);
        Assert.Equal(CaseStatus.DraftingSuggestion, (await CaseOf(id)).Status);
    }

    [Fact]
    public async Task WrongRole_SeesTheTaskReadOnlyWithTheReason_AndItsPostIsForbidden()
    {
        var id = await AcceptedCaseAsync("角色不符");
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, TaskForms.Url(task));

        Assert.Null(page.QuerySelector("main form[action*='handler=']"));
        Assert.Contains("调查员", page.QuerySelector("#task-refusal")!.TextContent);
        Assert.NotNull(page.QuerySelector("aside #context-heading"));

        var post = await client.PostAsync($"{TaskForms.Url(task)}?handler=RecordFindings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["RecordFindings.Findings[0].PersonId"] = CaseScript.Operator.ToString(),
            ["RecordFindings.Findings[0].Responsible"] = "true",
            ["RecordFindings.Findings[0].Facts"] = "伪造的认定",
            ["RecordFindings.Findings[0].Evidence"] = "无",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty((await CaseOf(id)).Chain![TraceBackLevel.PartyConcerned].Findings);
    }

    [Fact]
    public async Task TaskAssignedToSomeoneElse_IsShownWithoutAForm()
    {
        var id = await AcceptedCaseAsync("已被认领");
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        await app.Script.SendAs("investigator", new ClaimTask.Command(task));

        var page = await WebApp.PageAsync(await app.SignInAsync("investigator2"), TaskForms.Url(task));

        Assert.Null(page.QuerySelector("main form[action*='handler=']"));
        Assert.Contains("已分配给 investigator", page.QuerySelector("#task-refusal")!.TextContent);
    }

    [Fact]
    public async Task UserOfAnotherUnit_GetsNotFound_ForThePageAndThePost()
    {
        var id = await AcceptedCaseAsync("他市不可见");
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var client = await app.SignInAsync("caseofficer-anping");

        var page = await client.GetAsync(TaskForms.Url(task));
        var token = Token(await WebApp.PageAsync(client, "/Tasks"));
        var post = await client.PostAsync($"{TaskForms.Url(task)}?handler=RecordFindings",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task PostWithoutTheAntiforgeryToken_IsRefused()
    {
        var id = await AcceptedCaseAsync("伪造请求");
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var client = await app.SignInAsync("investigator");

        var response = await client.PostAsync($"{TaskForms.Url(task)}?handler=RecordFindings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RecordFindings.Findings[0].PersonId"] = CaseScript.Operator.ToString(),
            ["RecordFindings.Findings[0].Responsible"] = "true",
            ["RecordFindings.Findings[0].Facts"] = "伪造的认定",
            ["RecordFindings.Findings[0].Evidence"] = "无",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await CaseOf(id)).Chain![TraceBackLevel.PartyConcerned].Findings);
    }

    [Fact]
    public async Task SomeoneElseCompletedFirst_TheLaterPostIsToldWhoAndWhen_AndChangesNothing()
    {
        var id = await AcceptedCaseAsync("先到先得");
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var first = await app.SignInAsync("investigator");
        var second = await app.SignInAsync("investigator2");
        var firstForm = await TaskForms.FormAsync(first, task, "RecordFindings");
        var secondForm = await TaskForms.FormAsync(second, task, "RecordFindings");
        Dictionary<string, string> Finding(string facts) => new()
        {
            ["RecordFindings.Findings[0].PersonId"] = CaseScript.Operator.ToString(),
            ["RecordFindings.Findings[0].Responsible"] = "true",
            ["RecordFindings.Findings[0].Facts"] = facts,
            ["RecordFindings.Findings[0].Evidence"] = "值班记录",
        };

        Assert.Equal(HttpStatusCode.Redirect, (await TaskForms.PostAsync(first, firstForm, Finding("第一位调查员的认定"))).StatusCode);
        var late = await TaskForms.PostAsync(second, secondForm, Finding("第二位调查员的认定"));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await WebApp.ParseAsync(late);
        var refusal = page.QuerySelector("#task-refusal[role=alert]")!.TextContent;
        Assert.Contains("此任务已由 investigator 于", refusal);
        Assert.Contains("完成", refusal);
        Assert.Contains("未作任何更改", refusal);
        Assert.Null(page.QuerySelector("main form[action*='handler=']"));
        Assert.Equal("第一位调查员的认定", (await CaseOf(id)).Chain![TraceBackLevel.PartyConcerned].Findings.Single().Facts);
    }

    [Fact]
    public async Task ScriptInTheDescriptionAndAFinding_IsShownAsText()
    {
        const string description = "<script>alert('case')</script>首页被篡改";
        const string facts = "<img src=x onerror=alert('finding')>未及时报告";
        var registered = await app.Script.SendAs("caseofficer", new RegisterIncident.Command(
            DemoOrganisation.ProvincialGovernmentOffice.Value, "<b>标题</b>", description, app.Clock.GetUtcNow().AddHours(-3),
            new IncidentFactsInput { DataLeak = new(true, false, false) }, null, ["<script>evidence()</script>"]));
        await app.Script.AcceptAsync(registered.CaseId);
        await app.Script.SendAs("investigator", new RecordFindings.Command(
            await app.Script.TaskAsync(registered.CaseId, TaskKinds.PartyConcernedFindings, "investigator"),
            [new(CaseScript.Operator.Value, true, facts, ["笔录"])]));
        var task = await app.Script.TaskAsync(registered.CaseId, TaskKinds.SecurityLeadFindings, "investigator");
        var client = await app.SignInAsync("investigator");

        var html = await (await client.GetAsync(TaskForms.Url(task))).Content.ReadAsStringAsync();
        var page = await WebApp.PageAsync(client, TaskForms.Url(task));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<script>evidence", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>标题</b>", html);
        Assert.Contains(description, page.QuerySelector("aside")!.TextContent);
        Assert.Contains(facts, page.QuerySelector("aside")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("img[src=x]")); // the page's own icons (the bell) aside
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert"));
    }

    [Fact]
    public async Task Responsibility_Preview_ShowsWhatArticle9Derives_WithoutSavingIt()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "预览")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.DeterminingResponsibility, DecidedOn);
        var task = await app.Script.TaskAsync(id, TaskKinds.ResponsibilityDetermination, "investigator");
        var client = await app.SignInAsync("investigator");
        var form = await TaskForms.FormAsync(client, task, "DetermineResponsibility");

        var request = new HttpRequestMessage(HttpMethod.Post, $"{TaskForms.Url(task)}?handler=Preview")
        {
            Content = TaskForms.Fill(form, new()
            {
                ["DetermineResponsibility.Decision.Collective"] = "true",
                ["DetermineResponsibility.Decision.Description"] = "党组会议决定推迟安全加固项目。",
            },
                ("DetermineResponsibility.Decision.Participants", CaseScript.MainLead.ToString()),
                ("DetermineResponsibility.Decision.Participants", CaseScript.Member.ToString()),
                ("DetermineResponsibility.Decision.Dissenters", CaseScript.Member.ToString())),
        };
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await WebApp.ParseAsync(response);
        Assert.Null(fragment.QuerySelector("html body main")); // a fragment for htmx, not a page
        var rows = fragment.QuerySelectorAll("#derivation tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("黄晓梅") && r.Contains("重要领导责任") && r.Contains("曾表示异议"));
        Assert.Contains(rows, r => r.Contains("林峰") && r.Contains("不承担责任"));
        Assert.Contains(rows, r => r.Contains("刘德明") && r.Contains("主要领导责任") && r.Contains("第九条第一款"));
        var c = await CaseOf(id);
        Assert.Equal(CaseStatus.DeterminingResponsibility, c.Status);
        Assert.Empty(c.Responsibilities);
        Assert.Null(c.DecisionAtFault);
    }

    [Fact]
    public async Task Responsibility_PreviewOfACollectiveDecisionWithoutParticipants_SaysWhy()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "预览缺少参与者")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.DeterminingResponsibility, DecidedOn);
        var task = await app.Script.TaskAsync(id, TaskKinds.ResponsibilityDetermination, "investigator");
        var client = await app.SignInAsync("investigator");
        var form = await TaskForms.FormAsync(client, task, "DetermineResponsibility");

        var request = new HttpRequestMessage(HttpMethod.Post, $"{TaskForms.Url(task)}?handler=Preview")
        {
            Content = TaskForms.Fill(form, new() { ["DetermineResponsibility.Decision.Collective"] = "true", ["DetermineResponsibility.Decision.Description"] = "集体决策" }),
        };
        request.Headers.Add("HX-Request", "true");
        var fragment = await WebApp.ParseAsync(await client.SendAsync(request));

        Assert.Contains("参与决策的成员", fragment.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(fragment.QuerySelector("#derivation"));
    }

    [Fact]
    public async Task TaskPage_ShowsTheArticle8EvaluationWithCitations_TheEvidence_AndTheDeadline()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "案件情况")).CaseId;
        var task = await app.Script.TaskAsync(id, TaskKinds.Acceptance, "caseofficer");
        var client = await app.SignInAsync("caseofficer");

        var aside = (await WebApp.PageAsync(client, TaskForms.Url(task))).QuerySelector("aside")!;

        Assert.Contains("应当逐级倒查", aside.TextContent);
        Assert.Contains(aside.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("瘫痪6小时以上") && r.TextContent.Contains("8小时"));
        Assert.Contains(aside.QuerySelectorAll("blockquote cite"), c => c.TextContent.Contains("第八条第二款第（二）项"));
        Assert.Contains("值班记录", aside.QuerySelector("#ctx-evidence")!.ParentElement!.TextContent);
        Assert.Contains("办理时限 3 天", aside.TextContent);

        var language = await WebApp.FormAsync(client, "/Tasks", "form[action='/Account/Language']");
        await client.PostAsync("/Account/Language", WebApp.Fields(language, new() { ["culture"] = "en" }));
        try
        {
            var english = (await WebApp.PageAsync(client, TaskForms.Url(task))).QuerySelector("aside")!;
            Assert.Contains(english.QuerySelectorAll("blockquote cite"), c => c.TextContent.Contains("Article 8(2), item (2)"));
            Assert.Contains("paralysed for 6 hours or more", english.TextContent);
        }
        finally
        {
            // The choice is remembered for the user: give caseofficer Chinese back for the other tests of this class.
            language = await WebApp.FormAsync(client, "/Tasks", "form[action='/Account/Language']");
            await client.PostAsync("/Account/Language", WebApp.Fields(language, new() { ["culture"] = "zh-CN" }));
        }
    }

    [Fact]
    public async Task CoordinationTask_NamesTheCoordinatingOfficeAndTheSupervisingDepartment_WithArticle4()
    {
        var id = await AcceptedCaseAsync("协调监管");
        var task = await app.Script.TaskAsync(id, TaskKinds.CoordinationAssessment, "investigator");

        var form = await TaskForms.FormAsync(await app.SignInAsync("investigator"), task, "AssessCoordination");

        var described = form.QuerySelector("dl")!.TextContent;
        Assert.Contains("江北省委网信办", described);
        Assert.Contains("周文斌", described);
        Assert.Contains("“政务”行业没有主管监管部门", described);
        Assert.Contains("第四条", form.QuerySelector("blockquote cite")!.TextContent);
    }

    [Fact]
    public async Task AcceptanceTask_OffersTheInvestigatorsWhoCanSeeTheCase()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "调查组人选")).CaseId;
        var task = await app.Script.TaskAsync(id, TaskKinds.Acceptance, "caseofficer");

        var form = await TaskForms.FormAsync(await app.SignInAsync("caseofficer"), task, "CompleteAcceptance");

        var members = form.QuerySelectorAll("input[name='CompleteAcceptance.Members']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["investigator", "investigator2"], members);
    }

    [Fact]
    public async Task Approval_ByTheReviewerWhoEndorsed_IsShownWithoutAForm_AndSaysWhy()
    {
        // A reviewer who is also an approver: the endorsement still needs a second person.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddToRoleAsync((await users.FindByNameAsync("disciplinereviewer2"))!, Roles.DisciplineApprover);
        }
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "本人审核")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, DecidedOn);
        await app.Script.SendAs("disciplinereviewer2", new ReviewCase.Command(
            await app.Script.TaskAsync(id, TaskKinds.DisciplineReview, "disciplinereviewer2"), ReviewCase.Verdict.Endorse, "同意。"));
        var task = await app.Script.TaskAsync(id, TaskKinds.ReviewApproval, "disciplinereviewer2");

        var page = await WebApp.PageAsync(await app.SignInAsync("disciplinereviewer2"), TaskForms.Url(task));

        Assert.Null(page.QuerySelector("main form[action*='handler=']"));
        Assert.Contains("您本人审核同意了此案", page.QuerySelector("#task-refusal")!.TextContent);
        Assert.NotNull(await TaskForms.FormAsync(await app.SignInAsync("disciplineapprover"), task, "ApproveReview"));
    }
}
