using System.Text.RegularExpressions;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Web.Pages.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Investigation.Web.Tests.Browser;

/// <summary>
/// The whole journey in a real browser, each step signed in as its role and done through the pages a person
/// uses: the inbox (claim, open), the task's form, and the case page after it. A screenshot of every step
/// lands in <see cref="BrowserApp.ScreenshotFolder"/> under journey/ and return-level-2/.
/// </summary>
public sealed class JourneyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    // The people of the demo provincial government office the trace-back reaches.
    private const string Operator = "方磊", SecurityLead = "张卫东", MainLead = "刘德明", Member = "黄晓梅", OfficeHead = "周文斌";

    private readonly Dictionary<string, IPage> pages = [];
    private string shots = "";
    private int shot;

    [Fact]
    public async Task Journey_FromRegistrationToAcknowledgement_EachStepAsItsRole()
    {
        StartScreenshots("journey");

        // Registration: the case officer records the facts of Article 8(2) item 2 and the duty failed.
        var officer = await As("caseofficer");
        await officer.GetByRole(AriaRole.Link, new() { Name = "登记事件" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "登记事件", Level = 1 })).ToBeVisibleAsync();
        await officer.GetByLabel("事发单位").SelectOptionAsync(DemoOrganisation.ProvincialGovernmentOffice.Value.ToString());
        await officer.GetByLabel("标题").FillAsync("省政府门户网站遭攻击瘫痪");
        await officer.GetByLabel("事件经过").FillAsync("江北省人民政府门户网站遭受攻击后服务中断十小时，值班人员未及时报告，处置延误。");
        await officer.GetByLabel("发生时间（北京时间）").FillAsync("2026-03-01T08:00");
        var paralysis = CircumstanceGroup(officer, 2);
        await paralysis.GetByLabel("涉及此情形").CheckAsync();
        await paralysis.GetByLabel("网站类型").SelectOptionAsync(new SelectOptionValue { Label = "党政机关门户网站" });
        await paralysis.GetByLabel("网站所属层级").SelectOptionAsync(new SelectOptionValue { Label = AdministrativeLevel.Provincial.Name().Zh });
        await paralysis.GetByLabel("受到攻击").CheckAsync();
        await paralysis.GetByLabel("瘫痪开始（北京时间）").FillAsync("2026-03-01T08:30");
        await paralysis.GetByLabel("恢复时间（尚未恢复则留空）").FillAsync("2026-03-01T18:30");
        await officer.GetByRole(AriaRole.Checkbox, new() { Name = Article3Duty.ProtectionAndIncidentHandling.Name().Zh }).CheckAsync();
        await officer.GetByLabel("证据材料（每行一项）").FillAsync("网站访问日志（2026-03-01）\n值班记录");
        await Screenshot(officer, "register-form");
        await officer.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();

        await Expect(officer).ToHaveURLAsync(new Regex(@"/Cases/Details/[0-9a-f-]{36}$"));
        var caseId = Guid.Parse(officer.Url[^36..]);
        var number = (await officer.Locator("h1").TextContentAsync())!.Split(" · ")[0].Trim();
        await Expect(officer.Locator("#case-status")).ToHaveTextAsync(CaseStatus.Registered.Name().Zh);
        // Ten hours down: Article 8(2) item 2 is met, so the case can be accepted.
        await Expect(officer.Locator("#circumstance-2 h3 .met")).ToHaveTextAsync("符合");
        await Screenshot(officer, "registered");
        var journey = new Journey(this, caseId, number);

        // Acceptance: the case officer accepts and names a team of two, investigator leading.
        var accept = await journey.OpenTaskAsync("caseofficer", TaskKinds.Acceptance);
        await Expect(accept.GetByLabel("受理，组成调查组")).ToBeCheckedAsync();
        await accept.GetByRole(AriaRole.Combobox, new() { NameRegex = new Regex("^组长") }).SelectOptionAsync("investigator");
        await accept.GetByRole(AriaRole.Checkbox, new() { Name = "(investigator2)" }).CheckAsync();
        await journey.CompleteAsync(accept, "完成", CaseStatus.Investigating);
        await Expect(Section(accept, "facts")).ToContainTextAsync("组长：investigator");

        // The trace-back starts at level 1, with the coordination assessment alongside; level 2 waits for level 1.
        var second = await journey.InboxAsync("investigator2");
        await Expect(journey.Row(second, TaskKinds.PartyConcernedFindings)).ToBeVisibleAsync();
        await Expect(journey.Row(second, TaskKinds.CoordinationAssessment)).ToBeVisibleAsync();
        await Expect(journey.Row(second, TaskKinds.SecurityLeadFindings)).ToHaveCountAsync(0);
        await Screenshot(second, "investigator2-inbox-level-1-and-coordination");
        // Nobody outside the investigation's roles is offered them.
        await Expect(journey.Row(await journey.InboxAsync("caseofficer"), TaskKinds.PartyConcernedFindings)).ToHaveCountAsync(0);

        // Level 1: the lead names the party concerned.
        var level1 = await journey.OpenTaskAsync("investigator", TaskKinds.PartyConcernedFindings);
        await level1.GetByLabel("当事人").SelectOptionAsync(CaseScript.Operator.Value.ToString());
        await Finding(level1, responsible: true, "值班期间未按制度报告网站异常，延误处置两小时。", "询问笔录\n值班记录");
        await level1.GetByLabel("未履行的第三条职责（负有责任时）").SelectOptionAsync(nameof(Article3Duty.ProtectionAndIncidentHandling));
        await journey.CompleteAsync(level1, "完成", CaseStatus.Investigating);
        await Expect(level1.Locator("#level-1 .level-status")).ToHaveTextAsync(LevelStatus.Done.Name().Zh);
        await Expect(level1.Locator("#level-1")).ToContainTextAsync(Operator);

        // Level 2 traces the member in charge of cybersecurity, named by the chain; the second member takes it.
        var level2 = await journey.OpenTaskAsync("investigator2", TaskKinds.SecurityLeadFindings);
        await Expect(level2.Locator("main form legend").First).ToContainTextAsync(SecurityLead);
        await Finding(level2, responsible: true, "分管网络安全，未组织门户网站安全巡检。", "巡检记录");
        await journey.CompleteAsync(level2, "完成", CaseStatus.Investigating);

        var level3 = await journey.OpenTaskAsync("investigator", TaskKinds.MainLeadFindings);
        await Expect(level3.Locator("main form legend").First).ToContainTextAsync(MainLead);
        await Finding(level3, responsible: true, "未把网络安全工作纳入重要议事日程。", "党组会议记录");
        await journey.CompleteAsync(level3, "完成", CaseStatus.Investigating);

        // Coordination found ineffective: level 4 traces the head of the cyberspace affairs office.
        var coordination = await journey.OpenTaskAsync("investigator2", TaskKinds.CoordinationAssessment);
        await coordination.GetByLabel("综合协调不力（追究网信办负责人）").CheckAsync();
        await coordination.GetByLabel("理由").FillAsync("网信办未按规定通报风险隐患。");
        await journey.CompleteAsync(coordination, "完成", CaseStatus.Investigating);

        var level4 = await journey.OpenTaskAsync("investigator", TaskKinds.CoordinatingHeadFindings);
        await Expect(level4.Locator("main form legend").First).ToContainTextAsync(OfficeHead);
        await Finding(level4, responsible: false, "事发前一周已书面通报门户网站风险。", "通报文件");
        await level4.GetByLabel("不负有责任的理由").FillAsync("已履行通报职责。");
        await journey.CompleteAsync(level4, "完成", CaseStatus.DeterminingResponsibility);
        foreach (var level in new[] { 1, 2, 3, 4 })
            await Expect(level4.Locator($"#level-{level} .level-status")).ToHaveTextAsync(LevelStatus.Done.Name().Zh);

        // The determination is the lead's alone: assigned to them, offered to no one else.
        await Expect(journey.Row(await journey.InboxAsync("investigator2"), TaskKinds.ResponsibilityDetermination)).ToHaveCountAsync(0);
        var determine = await journey.OpenTaskAsync("investigator", TaskKinds.ResponsibilityDetermination, assignedTo: "investigator");
        await determine.GetByLabel("集体决策").CheckAsync();
        foreach (var person in new[] { MainLead, SecurityLead, Member })
            await determine.GetByLabel($"{person}参与决策").CheckAsync();
        await determine.GetByLabel($"{Member}表示异议").CheckAsync();
        await determine.GetByLabel("决策情况").FillAsync("办公厅党组会议决定推迟门户网站安全加固项目。");
        // The preview shows what Article 9 derives before anything is saved: the member who took part bears important leadership responsibility.
        await determine.GetByRole(AriaRole.Button, new() { Name = "预览第九条推导结果" }).ClickAsync();
        var derived = determine.Locator("#derivation tr").Filter(new() { HasText = Member });
        await Expect(derived).ToContainTextAsync(ResponsibilityKind.ImportantLeadership.Name().Zh);
        await Expect(derived).ToContainTextAsync("曾表示异议");
        // She dissented in writing: the lead overrides, with the reason.
        await determine.GetByLabel($"{Member}的责任改定为").SelectOptionAsync(new SelectOptionValue { Label = ResponsibilityKind.None.Name().Zh });
        await determine.GetByLabel($"{Member}改定理由").FillAsync("会上明确反对推迟，并书面提出加固方案。");
        await journey.CompleteAsync(determine, "确认责任认定", CaseStatus.Hearing);
        var responsibility = Section(determine, "responsibility");
        await Expect(responsibility.Locator("tr").Filter(new() { HasText = Member })).ToContainTextAsync(ResponsibilityKind.None.Name().Zh);

        // The hearing: each person held responsible, and only they, is heard.
        var hearing = await journey.OpenTaskAsync("investigator2", TaskKinds.Hearing);
        await Expect(hearing.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^" + Member) })).ToHaveCountAsync(0);
        await Person(hearing, Operator).GetByLabel("陈述", new() { Exact = true }).FillAsync("对认定的事实无异议。");
        await Person(hearing, SecurityLead).GetByLabel("陈述", new() { Exact = true }).FillAsync("请求考虑积极配合处置的情节。");
        await Person(hearing, SecurityLead).GetByLabel("申辩", new() { Exact = true }).FillAsync("事发时正在外地出差。");
        await Person(hearing, MainLead).GetByLabel("本人拒绝陈述").CheckAsync();
        await journey.CompleteAsync(hearing, "完成", CaseStatus.DraftingSuggestion);

        // The team's report and its collective discussion (Article 11); its page has its own test (CompleteTaskJourneyTests).
        await app.Script.ReportAsync(caseId, new DateOnly(2026, 3, 2));

        // The cyberspace affairs office drafts and submits its suggestion; nothing for the Party organisation.
        var suggest = await journey.OpenTaskAsync("caseofficer", TaskKinds.AccountabilitySuggestion);
        await Propose(suggest, Operator, AccountabilityForm.Admonishment, "直接责任，延误报告。");
        await Propose(suggest, SecurityLead, AccountabilityForm.Admonishment, "重要领导责任之外，分管网络安全失职。");
        await Propose(suggest, MainLead, AccountabilityForm.CirculatedCriticism, "主要领导责任。");
        await journey.CompleteAsync(suggest, "提交问责建议", CaseStatus.UnderReview);
        await Expect(suggest.Locator("#suggested-measures tbody tr")).ToHaveCountAsync(3);

        var review = await journey.OpenTaskAsync("disciplinereviewer", TaskKinds.DisciplineReview);
        await review.GetByLabel("同意（再由另一名审核人批准）").CheckAsync();
        await review.GetByLabel("审核意见").FillAsync("事实清楚，建议适当。");
        await journey.CompleteAsync(review, "完成", CaseStatus.AwaitingApproval);

        // A second reviewer approves the endorsement; the first reviewer has no such task.
        await Expect(journey.Row(await journey.InboxAsync("disciplinereviewer"), TaskKinds.ReviewApproval)).ToHaveCountAsync(0);
        var approve = await journey.OpenTaskAsync("disciplineapprover", TaskKinds.ReviewApproval);
        await Expect(approve.Locator("main form")).ToContainTextAsync("disciplinereviewer");
        await approve.GetByLabel("批准", new() { Exact = true }).CheckAsync();
        await journey.CompleteAsync(approve, "完成", CaseStatus.AwaitingDecision);

        // The Party committee decides, starting from the suggestion.
        var decide = await journey.OpenTaskAsync("partycommittee", TaskKinds.Decision);
        await Expect(Person(decide, MainLead).GetByLabel(AccountabilityForm.CirculatedCriticism.Name().Zh)).ToBeCheckedAsync();
        await Expect(decide.GetByLabel("决定日期")).ToHaveValueAsync("2026-03-02");
        await decide.GetByLabel("宣布情况").FillAsync("已于省委常委会议上宣布，并书面通知本人。");
        await journey.CompleteAsync(decide, "记录决定并送干部主管部门", CaseStatus.Decided);

        var acknowledge = await journey.OpenTaskAsync("cadremanagement", TaskKinds.Acknowledgement);
        await acknowledge.GetByLabel("备注").FillAsync("已归入干部档案。");
        await journey.CompleteAsync(acknowledge, "确认接收，结案", CaseStatus.Closed);

        // Closed: no open task anywhere, every step of the diagram that ran is done and none is active, and the timeline ends with the acknowledgement.
        var closed = acknowledge;
        await Expect(closed.Locator("#case-tasks tr[data-status='Open']")).ToHaveCountAsync(0);
        await Expect(closed.Locator("#diagram-steps li[data-state='active']")).ToHaveCountAsync(0);
        foreach (var step in new[] { "accept", "level-1", "level-2", "level-3", "coordination", "level-4", "responsibility", "hearing", "suggestion", "review", "approval", "decision", "acknowledgement", "end" })
            await Expect(closed.Locator($"#diagram-steps li[data-element='{ExportBpmn.ElementId(step)}']")).ToHaveAttributeAsync("data-state", "done");
        await Expect(closed.Locator($"#diagram g.djs-element[data-element-id='{ExportBpmn.ElementId("acknowledgement")}']")).ToHaveClassAsync(new Regex(@"\bdone\b"));
        await Expect(closed.Locator("#diagram g.djs-element.active")).ToHaveCountAsync(0);
        var acknowledged = closed.Locator("#case-history tbody tr").Filter(new() { HasText = TaskKinds.Of(TaskKinds.Acknowledgement).Name.Zh })
            .Filter(new() { HasText = "cadremanagement" });
        await Expect(acknowledged.First).ToBeVisibleAsync();
        await Expect(Section(closed, "accountability")).ToContainTextAsync("已于省委常委会议上宣布");
        await Screenshot(closed, "closed");
        await BrowserApp.ScreenshotAsync(Section(closed, "process"), $"{shots}/{++shot:00}-closed-diagram");
        await BrowserApp.ScreenshotAsync(Section(closed, "timeline"), $"{shots}/{++shot:00}-closed-timeline");
        await Expect(journey.Row(await journey.InboxAsync("cadremanagement"), TaskKinds.Acknowledgement)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Review_ReturningLevel2Only_ReopensOnlyLevel2ForTheInvestigators()
    {
        StartScreenshots("return-level-2");
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "退回第二级补充调查")).CaseId;
        // The steps before the review are not what this test is about; they are the other test's.
        await app.Script.RunToAsync(caseId, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));
        var number = (await app.Script.SendAs("auditor", new GetCase.Query(caseId))).Case.Number;
        var journey = new Journey(this, caseId, number);

        var review = await journey.OpenTaskAsync("disciplinereviewer", TaskKinds.DisciplineReview);
        await review.GetByLabel("退回补充调查", new() { Exact = true }).CheckAsync();
        await review.GetByLabel("审核意见").FillAsync("网络安全负责人的证据不足，请补充巡检记录。");
        // Returning without naming a level is refused beside the levels, keeping what was entered.
        await review.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "完成", Exact = true }).ClickAsync();
        await Expect(review.Locator("main form .field-validation-error")).Not.ToHaveCountAsync(0);
        await Expect(review.GetByLabel("退回补充调查", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(review.GetByLabel("审核意见")).ToHaveValueAsync("网络安全负责人的证据不足，请补充巡检记录。");
        await Screenshot(review, "return-without-a-level-refused");
        await review.GetByLabel($"2. {TraceBackLevel.SecurityLead.Name().Zh}").CheckAsync();
        await journey.CompleteAsync(review, "完成", CaseStatus.Investigating);
        await Expect(review.Locator("#level-2 .level-status")).ToHaveTextAsync(LevelStatus.Open.Name().Zh);
        await Expect(review.Locator("#level-2")).ToContainTextAsync("第2轮");
        foreach (var level in new[] { 1, 3 })
            await Expect(review.Locator($"#level-{level} .level-status")).ToHaveTextAsync(LevelStatus.Done.Name().Zh);

        // The investigators are offered level 2 again, and nothing else of this case.
        foreach (var investigator in new[] { "investigator", "investigator2" })
        {
            var inbox = await journey.InboxAsync(investigator);
            await Expect(journey.Rows(inbox)).ToHaveCountAsync(1);
            await Expect(journey.Row(inbox, TaskKinds.SecurityLeadFindings)).ToBeVisibleAsync();
        }
        await Screenshot(pages["investigator2"], "investigator2-inbox-only-level-2");

        // The reopened level traces the same person, with the superseded finding beside the form.
        var level2 = await journey.OpenTaskAsync("investigator2", TaskKinds.SecurityLeadFindings);
        await Expect(level2.Locator("main form legend").First).ToContainTextAsync(SecurityLead);
        await Expect(level2.Locator("aside")).ToContainTextAsync("此前的认定（1）");
        // The form itself says this is a supplementary round, who returned it and why.
        var returned = level2.Locator("main form #returned-for-supplementary-investigation");
        await Expect(returned).ToContainTextAsync("补充调查（第2轮）");
        await Expect(returned).ToContainTextAsync("disciplinereviewer");
        await Expect(returned).ToContainTextAsync("网络安全负责人的证据不足，请补充巡检记录。");
        // The second round starts from the first round's finding (CaseScript's), which the investigator adds to.
        const string firstRound = "未落实网站安全巡检和值班报告制度，篡改发生后两小时未报告。";
        // (By name: a label's accessible name takes in the text of the field it wraps, which is no longer empty.)
        var facts = level2.Locator("textarea[name='RecordFindings.Findings[0].Facts']");
        var evidence = level2.Locator("textarea[name='RecordFindings.Findings[0].Evidence']");
        await Expect(facts).ToHaveValueAsync(firstRound);
        await Expect(evidence).ToHaveValueAsync("询问笔录\n值班记录");
        await Expect(level2.GetByLabel("负有责任", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(level2.Locator("select[name='RecordFindings.Findings[0].DutyFailed']")).ToHaveValueAsync(nameof(Article3Duty.ProtectionAndIncidentHandling));
        await facts.FillAsync(firstRound + "补充调查：近一年未组织门户网站安全巡检。");
        await evidence.FillAsync("询问笔录\n值班记录\n巡检记录（2025年度）");
        await journey.CompleteAsync(level2, "完成", CaseStatus.DeterminingResponsibility);
        // The case page shows both rounds: this one's finding, and the first one's kept as superseded.
        await Expect(level2.Locator("#level-2 .level-status")).ToHaveTextAsync(LevelStatus.Done.Name().Zh);
        await Expect(level2.Locator("#level-2")).ToContainTextAsync("补充调查：近一年未组织门户网站安全巡检。");
        await Expect(level2.Locator("#level-2 details")).ToContainTextAsync("已被补充调查取代");
        await Expect(level2.Locator("#level-2 details")).ToContainTextAsync(firstRound);
        await Screenshot(level2, "case-both-rounds", fullPage: false);

        // Back through the join: the lead determines responsibility again.
        await Expect(journey.Row(await journey.InboxAsync("investigator"), TaskKinds.ResponsibilityDetermination)).ToBeVisibleAsync();
        var again = ExportBpmn.ElementId("again-level-2");
        await level2.GotoAsync($"/Cases/Details/{caseId}");
        await Expect(level2.Locator($"#diagram-steps li[data-element='{again}']")).ToHaveAttributeAsync("data-state", "done");
        foreach (var other in new[] { "again-level-1", "again-level-3", "again-coordination" })
            await Expect(level2.Locator($"#diagram-steps li[data-element='{ExportBpmn.ElementId(other)}']")).ToHaveAttributeAsync("data-state", "pending");

        // Downstream, the responsibility form opens with the first round's decision at fault (CaseScript's), so
        // completing it needs no typing; the hearing then opens with the first round's statements.
        var responsibility = await journey.OpenTaskAsync("investigator", TaskKinds.ResponsibilityDetermination, assignedTo: "investigator");
        await Expect(responsibility.Locator("textarea[name='DetermineResponsibility.Decision.Description']")).ToHaveValueAsync("办公厅党组会议决定推迟门户网站安全加固项目。");
        await journey.CompleteAsync(responsibility, "确认责任认定", CaseStatus.Hearing);
        var hearing = await journey.OpenTaskAsync("investigator", TaskKinds.Hearing);
        await Expect(hearing.Locator("textarea[name='RecordHearing.Statements[0].Statement']")).ToHaveValueAsync(new Regex("本人对调查认定的事实无异议。"));
        await Screenshot(hearing, "hearing-second-round-prefilled");
    }

    /// <summary>One case's steps, each worked from its person's inbox and checked on the case page afterwards.</summary>
    private sealed class Journey(JourneyBrowserTests test, Guid caseId, string number)
    {
        public async Task<IPage> InboxAsync(string user)
        {
            var page = await test.As(user);
            await page.GotoAsync("/Tasks");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "收件箱", Level = 1 })).ToBeVisibleAsync();
            return page;
        }

        /// <summary>The inbox rows of this case.</summary>
        public ILocator Rows(IPage inbox) => inbox.Locator("tbody tr").Filter(new() { Has = inbox.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });

        public ILocator Row(IPage inbox, string kind) =>
            Rows(inbox).Filter(new() { Has = inbox.GetByRole(AriaRole.Link, new() { Name = TaskKinds.Of(kind).Name.Zh, Exact = true }) });

        /// <summary>Finds the task in the user's inbox, claims it if nobody has, and opens its form.</summary>
        public async Task<IPage> OpenTaskAsync(string user, string kind, string? assignedTo = null)
        {
            var inbox = await InboxAsync(user);
            var row = Row(inbox, kind);
            await Expect(row).ToHaveCountAsync(1);
            if (assignedTo is not null)
                await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync(assignedTo);
            else
            {
                await Expect(row).ToContainTextAsync("未认领");
                await row.GetByRole(AriaRole.Button, new() { Name = "认领" }).ClickAsync();
                await Expect(row.GetByRole(AriaRole.Button, new() { Name = "释放" })).ToBeVisibleAsync();
                await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync(user);
            }
            await row.GetByRole(AriaRole.Link, new() { Name = TaskKinds.Of(kind).Name.Zh, Exact = true }).ClickAsync();
            await Expect(inbox).ToHaveURLAsync(new Regex(@"/Tasks/Complete/[0-9a-f-]{36}$"));
            await Expect(inbox.GetByRole(AriaRole.Heading, new() { Name = TaskKinds.Of(kind).Name.Zh, Level = 1 })).ToBeVisibleAsync();
            await Expect(inbox.GetByRole(AriaRole.Heading, new() { Name = "办理" })).ToBeVisibleAsync();
            return inbox;
        }

        /// <summary>Submits the form, checks the confirmation in the inbox, then the case's new status on its page.</summary>
        public async Task CompleteAsync(IPage page, string button, CaseStatus expected)
        {
            var kind = (await page.Locator("h1").TextContentAsync())!.Trim();
            await test.Screenshot(page, $"{Slug(kind)}-form");
            await page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Tasks$"));
            await Expect(page.Locator("p.done[role=status]")).ToHaveTextAsync($"已完成：{kind}（{number}）");
            await page.GotoAsync($"/Cases/Details/{caseId}");
            await Expect(page.Locator("#case-status")).ToHaveTextAsync(expected.Name().Zh);
            // The top of the case page, where its status shows: the whole page grows with every step (2 MB by the end),
            // and capturing it after each step took a third of this test's time. The closed case is captured whole.
            await test.Screenshot(page, $"{Slug(kind)}-done-case-{expected}", fullPage: false);
        }

        private static string Slug(string kindName) =>
            TaskKinds.All.FirstOrDefault(k => k.Name.Zh == kindName)?.Kind ?? Regex.Replace(kindName, @"\W+", "-");
    }

    private static ILocator CircumstanceGroup(IPage page, int item) => page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($@"^\({item}\)") });

    /// <summary>A section of the case page, by the id of its heading.</summary>
    private static ILocator Section(IPage page, string heading) => page.Locator($"section[aria-labelledby='{heading}']");

    /// <summary>The fieldset of one person on a hearing, suggestion or decision form.</summary>
    private static ILocator Person(IPage page, string name) => page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^" + name) });

    private static async Task Finding(IPage page, bool responsible, string facts, string evidence)
    {
        await page.GetByLabel(responsible ? "负有责任" : "不负有责任", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("事实", new() { Exact = true }).FillAsync(facts);
        await page.GetByLabel("证据（每行一项）").FillAsync(evidence);
        // A responsible finding names the Article 3 duty failed (required from level 2 up).
        if (responsible)
            await page.GetByLabel("未履行的第三条职责（负有责任时）").SelectOptionAsync(nameof(Article3Duty.ProtectionAndIncidentHandling));
    }

    private static async Task Propose(IPage page, string person, AccountabilityForm form, string reason)
    {
        var row = Person(page, person);
        await row.GetByLabel(form.Name().Zh, new() { Exact = true }).CheckAsync();
        await row.GetByLabel("理由", new() { Exact = true }).FillAsync(reason);
    }

    private async Task<IPage> As(string user) => pages.TryGetValue(user, out var page) ? page : pages[user] = await app.OpenAsAsync(user);

    /// <summary>Each test's screenshots in a folder of their own, emptied first so that it holds this run's steps only.</summary>
    private void StartScreenshots(string folder)
    {
        shots = folder;
        var path = Path.Combine(BrowserApp.ScreenshotFolder, folder);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    private async Task Screenshot(IPage page, string name, bool fullPage = true) => await BrowserApp.ScreenshotAsync(page, $"{shots}/{++shot:00}-{name}", fullPage);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in pages.Values) await page.Context.CloseAsync();
    }
}
