using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Demo;

/// <summary>
/// Drives cases through their steps as the demo users, through the same use cases a person uses:
/// the demo data at start-up, and the end-to-end tests, are made with it.
/// </summary>
public sealed class CaseScript(IServiceProvider services)
{
    /// <summary>Sends a request as the named user, in a scope of its own, as one web request would.</summary>
    public async Task<T> SendAs<T>(string userName, IRequest<T> request, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor =
            await IdentitySetup.ActorForAsync(db, userName, ct) ?? throw new InvalidOperationException($"There is no user {userName}.");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
    }

    /// <summary>The open task of a kind on a case, as the user sees it in their inbox.</summary>
    public async Task<Guid> TaskAsync(Guid caseId, string kind, string asUser, CancellationToken ct = default)
    {
        var inbox = await SendAs(asUser, new GetInbox.Query(CaseId: caseId, Kind: kind), ct);
        return inbox.Items.FirstOrDefault()?.TaskId
            ?? throw new InvalidOperationException($"{asUser} has no open {kind} task on case {caseId}.");
    }

    // The demo case: the provincial government office's portal was defaced and down for hours.
    public static readonly PersonId Operator = DemoOrganisation.Person("方磊");
    public static readonly PersonId SecurityLead = DemoOrganisation.Person("张卫东");
    public static readonly PersonId MainLead = DemoOrganisation.Person("刘德明");
    public static readonly PersonId Member = DemoOrganisation.Person("黄晓梅");
    public static readonly PersonId AbsentMember = DemoOrganisation.Person("林峰");

    public Task<RegisterIncident.Result> RegisterPortalOutageAsync(DateTimeOffset now, double hoursDown = 8, string title = "省政府门户网站遭篡改并瘫痪",
        CancellationToken ct = default) =>
        RegisterPortalOutageAsync(now, hoursDown, title,
            "江北省人民政府门户网站首页被植入违法有害信息，随后服务中断。值班人员未及时报告，处置延误。",
            ["网站访问日志（2026-03-01）", "值班记录", "网络安全应急预案"], tampered: true, ct);

    /// <summary>An outage of the provincial portal told in its own words: tampered with (circumstance 1 too) or only down.</summary>
    public Task<RegisterIncident.Result> RegisterPortalOutageAsync(DateTimeOffset now, double hoursDown, string title, string description,
        IReadOnlyList<string> evidence, bool tampered, CancellationToken ct = default) =>
        SendAs("caseofficer", new RegisterIncident.Command(
            DemoOrganisation.ProvincialGovernmentOffice.Value, title, description,
            now.AddHours(-hoursDown - 2),
            new IncidentFactsInput
            {
                PortalParalysis = new(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Provincial, Attacked: true, DisposalOrganisedInTime: false,
                    DownAt: now.AddHours(-hoursDown - 1), RestoredAt: now.AddHours(-1)),
                PortalTampering = tampered
                    ? new(SiteKind.PartyOrGovernmentPortal, AttackedAndTampered: true, HarmfulInformationSpreadWidely: true,
                        ReportedInTime: false, DisposalOrganisedInTime: false)
                    : null,
            },
            [Article3Duty.ProtectionAndIncidentHandling],
            evidence), ct);

    public async Task AcceptAsync(Guid caseId, CancellationToken ct = default) =>
        await SendAs("caseofficer", new CompleteAcceptance.Command(
            await TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer", ct), true, "investigator", ["investigator2"], null), ct);

    public async Task RecordLevelAsync(Guid caseId, string kind, PersonId person, bool responsible = true, string asUser = "investigator", CancellationToken ct = default, string? facts = null) =>
        await SendAs(asUser, new RecordFindings.Command(await TaskAsync(caseId, kind, asUser, ct),
        [
            new(person.Value, responsible,
                facts ?? (responsible ? "未落实网站安全巡检和值班报告制度，篡改发生后两小时未报告。" : "已按制度履行职责。"),
                ["询问笔录", "值班记录"],
                responsible ? Article3Duty.ProtectionAndIncidentHandling : null,
                responsible ? null : "有证据表明已按规定履职。"),
        ]), ct);

    public async Task AssessCoordinationAsync(Guid caseId, bool ineffective = false, CancellationToken ct = default) =>
        await SendAs("investigator", new AssessCoordination.Command(await TaskAsync(caseId, TaskKinds.CoordinationAssessment, "investigator", ct),
            ineffective, false, ineffective ? "网信办未按规定通报风险隐患。" : "网信办已按规定通报风险隐患，监管部门已督促整改。"), ct);

    public async Task TraceBackAsync(Guid caseId, CancellationToken ct = default)
    {
        await RecordLevelAsync(caseId, TaskKinds.PartyConcernedFindings, Operator, ct: ct);
        await RecordLevelAsync(caseId, TaskKinds.SecurityLeadFindings, SecurityLead, ct: ct);
        await RecordLevelAsync(caseId, TaskKinds.MainLeadFindings, MainLead, ct: ct);
        await AssessCoordinationAsync(caseId, ct: ct);
    }

    public async Task DetermineAsync(Guid caseId, CancellationToken ct = default) =>
        await SendAs("investigator", new DetermineResponsibility.Command(await TaskAsync(caseId, TaskKinds.ResponsibilityDetermination, "investigator", ct),
            new(true, [MainLead.Value, SecurityLead.Value, Member.Value], [Member.Value], "办公厅党组会议决定推迟门户网站安全加固项目。")), ct);

    public async Task HearAsync(Guid caseId, CancellationToken ct = default)
    {
        var held = (await SendAs("investigator", new GetCase.Query(caseId), ct)).Case.PeopleHeldResponsible;
        await SendAs("investigator", new RecordHearing.Command(await TaskAsync(caseId, TaskKinds.Hearing, "investigator", ct),
            held.Select(p => new RecordHearing.StatementInput(p.Value, "本人对调查认定的事实无异议。", "请求考虑事发后积极配合处置的情节。")).ToList()), ct);
    }

    public async Task ReportAsync(Guid caseId, DateOnly discussedOn, CancellationToken ct = default) =>
        await SendAs("investigator", new RecordInvestigationReport.Command(caseId,
            "经调查，门户网站被篡改后值班人员未及时报告，分管领导未组织安全巡检，主要负责人未将网络安全纳入重要议事日程。",
            "建议对负有责任的人员依规问责。", ["investigator", "investigator2"], "调查组集体讨论，一致同意本调查报告。", discussedOn), ct);

    public async Task SuggestAsync(Guid caseId, CancellationToken ct = default)
    {
        if ((await SendAs("caseofficer", new GetCase.Query(caseId), ct)).Case.Report is null)
            await ReportAsync(caseId, DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), ct);
        var held = (await SendAs("caseofficer", new GetCase.Query(caseId), ct)).Case.PeopleHeldResponsible;
        await SendAs("caseofficer", new SubmitSuggestion.Command(await TaskAsync(caseId, TaskKinds.AccountabilitySuggestion, "caseofficer", ct),
            held.Select(p => new MeasureInput(TargetKind.Cadre, p.Value, p == MainLead ? [AccountabilityForm.CirculatedCriticism] : [AccountabilityForm.Admonishment],
                "未正确履行网络安全责任，导致门户网站被篡改并瘫痪。")).ToList()), ct);
    }

    public async Task EndorseAsync(Guid caseId, CancellationToken ct = default) =>
        await SendAs("disciplinereviewer", new ReviewCase.Command(await TaskAsync(caseId, TaskKinds.DisciplineReview, "disciplinereviewer", ct),
            ReviewCase.Verdict.Endorse, "事实清楚，建议适当。"), ct);

    public async Task ApproveAsync(Guid caseId, CancellationToken ct = default) =>
        await SendAs("disciplineapprover", new ApproveReview.Command(await TaskAsync(caseId, TaskKinds.ReviewApproval, "disciplineapprover", ct), true, null), ct);

    public async Task DecideAsync(Guid caseId, DateOnly decidedOn, CancellationToken ct = default)
    {
        var held = (await SendAs("partycommittee", new GetCase.Query(caseId), ct)).Case.PeopleHeldResponsible;
        await SendAs("partycommittee", new RecordDecision.Command(await TaskAsync(caseId, TaskKinds.Decision, "partycommittee", ct),
            held.Select(p => new MeasureInput(TargetKind.Cadre, p.Value, [AccountabilityForm.Admonishment], "经省委研究决定。")).ToList(),
            decidedOn, "已于省委常委会议上宣布，并书面通知本人。"), ct);
    }

    public async Task AcknowledgeAsync(Guid caseId, CancellationToken ct = default) =>
        await SendAs("cadremanagement", new AcknowledgeResult.Command(await TaskAsync(caseId, TaskKinds.Acknowledgement, "cadremanagement", ct), "已归入干部档案。"), ct);

    /// <summary>Takes a freshly registered case through every step up to (not past) the given status.</summary>
    public async Task RunToAsync(Guid caseId, CaseStatus target, DateOnly decidedOn, CancellationToken ct = default) =>
        await RunToAsync(caseId, target, decidedOn, afterEachStep: null, ct);

    /// <param name="afterEachStep">Runs after every step: the demo lets simulated days pass here.</param>
    public async Task RunToAsync(Guid caseId, CaseStatus target, DateOnly decidedOn, Action? afterEachStep, CancellationToken ct = default)
    {
        (CaseStatus Reached, Func<Task> Step)[] steps =
        [
            (CaseStatus.Investigating, () => AcceptAsync(caseId, ct)),
            (CaseStatus.DeterminingResponsibility, () => TraceBackAsync(caseId, ct)),
            (CaseStatus.Hearing, () => DetermineAsync(caseId, ct)),
            (CaseStatus.DraftingSuggestion, () => HearAsync(caseId, ct)),
            (CaseStatus.UnderReview, () => SuggestAsync(caseId, ct)),
            (CaseStatus.AwaitingApproval, () => EndorseAsync(caseId, ct)),
            (CaseStatus.AwaitingDecision, () => ApproveAsync(caseId, ct)),
            (CaseStatus.Decided, () => DecideAsync(caseId, decidedOn, ct)),
            (CaseStatus.Closed, () => AcknowledgeAsync(caseId, ct)),
        ];
        if (target == CaseStatus.Registered) return;
        foreach (var (reached, step) in steps)
        {
            await step();
            afterEachStep?.Invoke();
            if (reached == target) return;
        }
        throw new ArgumentOutOfRangeException(nameof(target), target, "The script cannot take a case to this status.");
    }
}
