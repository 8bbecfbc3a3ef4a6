using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Data;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Demo;

/// <summary>
/// Demo cases at every stage, made by running the real workflow as the demo users on a simulated
/// clock that starts six weeks ago, so that deadlines passed in that month are genuinely overdue now.
/// </summary>
public static class DemoCases
{
    public static async Task SeedAsync(IConfiguration configuration, TimeProvider realClock, CancellationToken ct = default)
    {
        var clock = new SimulatedClock(realClock.GetUtcNow().AddDays(-45));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddInvestigationWorkflows(configuration);
        services.AddInvestigationIdentity();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            if (await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Cases.AnyAsync(ct)) return;

        var script = new CaseScript(provider);
        void Days(double d) => clock.Advance(TimeSpan.FromDays(d));
        DateOnly Today(int plusDays = 0) => DateOnly.FromDateTime(clock.GetUtcNow().AddDays(plusDays).UtcDateTime);

        // Time only moves forward, as it did for the people: the audit record stays in order.
        // Closed: the whole journey, a day a step (the decision on the eighth day).
        var closed = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 9, "省政府门户网站遭篡改并瘫痪9小时",
            "省政府门户网站内容管理系统存在未修补的上传漏洞，攻击者上传网页木马并篡改首页，植入违法有害信息。运维单位发现后直接关停网站，9小时后恢复；值班人员未按预案向省委网信办报告。",
            ["首页篡改截图（6张）", "网站访问日志", "内容管理系统漏洞扫描报告", "值班记录"], tampered: true, ct);
        await script.RunToAsync(closed.CaseId, CaseStatus.Closed, Today(7), () => Days(1), ct);

        // Awaiting the Party committee's decision, long overdue.
        var awaitingDecision = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 7, "省政府门户网站首页被植入有害信息",
            "省政府门户网站首页轮播图被替换为境外赌博网站广告，并被搜索引擎收录转载。网站随即下线排查7小时。经查，外包运维人员使用弱口令登录后台，账号被盗用。",
            ["首页截图", "后台登录日志", "外包运维合同", "网络安全应急预案"], tampered: true, ct);
        await script.RunToAsync(awaitingDecision.CaseId, CaseStatus.AwaitingDecision, Today(), () => Days(1), ct);

        // Investigating: level 1 done, level 2 and the coordination assessment now overdue.
        var investigating = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 10, "门户网站遭DDoS攻击瘫痪10小时",
            "省政府门户网站遭受大流量分布式拒绝服务攻击，峰值流量超过带宽上限，网站无法访问达10小时。网站内容未被篡改。抗攻击清洗服务合同已于上月到期未续签，处置延误。",
            ["运营商流量监测报告", "抗DDoS服务合同（已到期）", "应急处置记录"], tampered: false, ct);
        await script.AcceptAsync(investigating.CaseId, ct);
        Days(1);
        await script.RecordLevelAsync(investigating.CaseId, TaskKinds.PartyConcernedFindings, CaseScript.Operator, ct: ct,
            facts: "未跟踪抗攻击清洗服务合同到期情况，攻击发生后未按预案启动备用防护。");

        // Rejected at acceptance.
        var rejected = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 2, "门户网站短暂中断",
            "机房市电切换时不间断电源故障，省政府门户网站中断访问2小时，值班人员即时报告并切换备用线路恢复。网站内容未受影响。",
            ["机房运维记录", "故障报告"], tampered: false, ct);
        await script.SendAs("caseofficer", new CompleteAcceptance.Command(
            await script.TaskAsync(rejected.CaseId, TaskKinds.Acceptance, "caseofficer", ct), false, null, null,
            "中断2小时，不符合第八条第二款第（二）项，且已及时处置。"), ct);

        // A prefecture's cases, waiting for acceptance (overdue): seen by the province and by Linchuan, not by Anping.
        Days(19);
        await script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.LinchuanEducation.Value,
            "教育局学籍系统数据泄露", "临川市教育局学籍管理系统数据库遭非法访问，约12万条学生个人信息泄露。", clock.GetUtcNow().AddDays(-2),
            new IncidentFactsInput { DataLeak = new(false, true, false, 120_000) }, [Article3Duty.ProtectionAndIncidentHandling],
            ["安全事件报告", "数据库审计日志"]), ct);
        await script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.LinchuanPowerGrid.Value,
            "供电调度系统遭网络攻击", "临川供电公司调度自动化系统遭攻击，未及时处置，造成部分城区停电4小时。", clock.GetUtcNow().AddDays(-1),
            new IncidentFactsInput { CriticalInfrastructure = new(true, true, false, true, true, false) }, [], ["调度日志", "停电影响报告"]), ct);

        // Cases of the last week, on time.
        clock.SetUtcNow(realClock.GetUtcNow().AddDays(-8));
        var underReview = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 6, "门户网站瘫痪6小时",
            "省政府门户网站数据库服务器遭暴力破解后被删除数据表，网站瘫痪6小时，依靠前一日备份恢复。值班人员发现异常后3小时才上报。",
            ["数据库审计日志", "服务器安全日志", "备份恢复记录", "值班记录"], tampered: false, ct);
        await script.RunToAsync(underReview.CaseId, CaseStatus.UnderReview, Today(), () => Days(0.5), ct);

        var hearing = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 12, "门户网站遭勒索软件攻击瘫痪",
            "省政府门户网站所在服务器感染勒索软件，网页文件被加密，首页显示勒索信息，网站瘫痪12小时。此前省委网信办通报的远程桌面服务风险未整改。",
            ["勒索信息截图", "病毒样本分析报告", "网信办风险通报及整改回执"], tampered: true, ct);
        await script.RunToAsync(hearing.CaseId, CaseStatus.Hearing, Today(), () => Days(0.5), ct);

        // Returned for supplementary investigation of level 2 only.
        var returned = await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 8, "门户网站被篡改（补充调查）",
            "省政府门户网站“政务公开”栏目页面被篡改，发布伪造的政策文件并被多家网站转载，网站下线8小时。网络安全负责人履职情况的材料不完整。",
            ["伪造文件截图及转载情况", "网页防篡改系统告警记录", "值班记录"], tampered: true, ct);
        await script.RunToAsync(returned.CaseId, CaseStatus.UnderReview, Today(), () => Days(0.25), ct);
        await script.SendAs("disciplinereviewer", new ReviewCase.Command(
            await script.TaskAsync(returned.CaseId, TaskKinds.DisciplineReview, "disciplinereviewer", ct), ReviewCase.Verdict.Return,
            "网络安全负责人履职情况的证据不足，请补充调查。", [TraceBackLevel.SecurityLead]), ct);

        // Fresh cases, registered yesterday.
        clock.SetUtcNow(realClock.GetUtcNow().AddDays(-1));
        await script.RegisterPortalOutageAsync(clock.GetUtcNow(), 6.5, "门户网站瘫痪6.5小时",
            "省政府门户网站升级改造后未进行安全测试，上线当晚遭漏洞利用攻击导致服务崩溃，瘫痪6.5小时。",
            ["上线审批单", "攻击流量分析报告", "应急处置记录"], tampered: false, ct);
        await script.SendAs("caseofficer-anping", new RegisterIncident.Command(DemoOrganisation.AnpingNews.Value,
            "安平新闻网被篡改", "安平新闻网首页被篡改，谣言扩散，未及时报告。", clock.GetUtcNow().AddHours(-20),
            new IncidentFactsInput
            {
                PortalTampering = new(SiteKind.KeyNewsWebsite, true, true, false, true),
                PortalParalysis = new(SiteKind.KeyNewsWebsite, AdministrativeLevel.Prefecture, true, false, clock.GetUtcNow().AddHours(-20), clock.GetUtcNow().AddHours(-15)),
            }, [], ["网页快照"]), ct);
    }

    /// <summary>A clock the demo moves by hand.</summary>
    private sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
        public void SetUtcNow(DateTimeOffset at) => now = at > now ? at : throw new InvalidOperationException("The demo clock only moves forward.");
    }
}
