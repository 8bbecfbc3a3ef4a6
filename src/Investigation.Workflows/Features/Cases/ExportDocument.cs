using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Documents;
using Investigation.Workflows.Messages;
using MediatR;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The 问责建议书, the investigation report and the 问责决定书 of a case as Word documents laid out as Chinese official
/// documents (GB/T 9704), generated from the case with its people, forms, reasons and articles.
/// </summary>
public static class ExportDocument
{
    public enum Kind { Suggestion, Report, Decision, AppealAnswer }

    /// <param name="Appeal">For the answer to an appeal (申诉处理决定书): which appeal; none when the case has one answered.</param>
    public sealed record Query(Guid CaseId, Kind Document, int? Appeal = null) : IRequest<Result>;

    public sealed record Result(string FileName, byte[] Content)
    {
        public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.CaseId).NotEmpty().WithMessage("请指明案件。", "Name the case.");
            RuleFor(q => q.Document).IsInEnum().WithMessage("文书种类应为 Suggestion、Report、Decision 或 AppealAnswer。", "The document is Suggestion, Report, Decision or AppealAnswer.");
            RuleFor(q => q.Appeal).GreaterThan(0).WithMessage("申诉编号应为正整数。", "The appeal number is a positive whole number.");
        }
    }

    public sealed class Handler(Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            var c = record.ToCase();
            var tree = await access.OrganisationAsync(ct);
            var doc = query.Document switch
            {
                Kind.Suggestion => Suggestion(c, tree),
                Kind.Report => Report(c, tree),
                Kind.AppealAnswer => AppealAnswer(c, tree, query.Appeal),
                _ => Decision(c, tree),
            };
            var name = query.Document switch
            {
                Kind.Suggestion => "问责建议书", Kind.Report => "调查报告",
                Kind.AppealAnswer => query.Appeal is { } a ? $"申诉处理决定书-{a}" : "申诉处理决定书", _ => "问责决定书",
            };
            return new($"{c.Number}-{name}.docx", doc.ToDocx());
        }
    }

    // ---- the three documents ----

    public static OfficialDocument Suggestion(Case c, OrganisationTree tree)
    {
        var s = c.Suggestion ?? throw new DomainException("本案尚无问责建议。", "The case has no accountability suggestion yet.");
        var office = Office(c, tree);
        var region = tree.Contains(c.UnitId) ? tree.RegionOf(c.UnitId) : null;
        var discipline = region is null ? null : tree.ChildrenOf(region.Id).FirstOrDefault(u => u.Kind == UnitKind.DisciplineInspectionCommittee);
        return new(office, DocumentNumber("网信问责建", c), $"关于{UnitName(c, tree)}“{c.Title}”的问责建议",
            string.Join("、", new[] { region?.Name, discipline?.Name }.Where(n => n is not null)),
            [
                Facts(c),
                Evaluation(c),
                new("三、责任认定", c.Responsibilities.Where(r => r.Effective != ResponsibilityKind.None)
                    .Select(r => $"{PersonName(tree, r.Person)}：{r.Effective.Name().Zh}。{r.DerivationReason.Zh}（{Provision(r.Citation)}）").ToList()),
                new("四、问责建议", s.Proposals.Select(m => Measure(tree, m)).Append(
                    "根据《党委（党组）网络安全工作责任制实施办法》第九条第二款，提出以上问责建议，请依据有关规定实施问责。").ToList()),
            ],
            office, ChinaDate(s.SubmittedAt ?? s.DraftedAt));
    }

    public static OfficialDocument Report(Case c, OrganisationTree tree)
    {
        var r = c.Report ?? throw new DomainException("本案尚无调查报告。", "The case has no investigation report yet.");
        var office = Office(c, tree);
        var findings = c.Chain?.Levels.SelectMany(l => l.Findings.Select(f =>
            $"{l.Level.Name().Zh}{PersonName(tree, f.Person)}：{(f.Responsible ? "负有责任" : "不负有责任")}。{f.Facts}"
            + (f.DutyFailed is { } d ? $"（未履行{d.Provision().Split(" / ")[0]}：{d.Name().Zh}）" : "")
            + (f.ReasonNotResponsible is { } why ? $"（理由：{why}）" : ""))).ToList() ?? [];
        return new($"{office}{c.Number}案调查组", DocumentNumber("问责调", c), $"关于{UnitName(c, tree)}“{c.Title}”的调查报告", office,
            [
                Facts(c),
                new("二、调查认定的事实", findings.Prepend(r.Facts).ToList()),
                new("三、陈述和申辩", c.Statements.Select(st => $"{PersonName(tree, st.Person)}：{(st.Declined ? "拒绝陈述" : st.Text)}{(st.Defence is { } d ? $"；申辩：{d}" : "")}").ToList()),
                new("四、调查结论和处理意见", c.Responsibilities.Where(x => x.Effective != ResponsibilityKind.None)
                    .Select(x => $"{PersonName(tree, x.Person)}：{x.Effective.Name().Zh}（{Provision(x.Citation)}）").Prepend(r.Conclusion).ToList()),
                new("五、集体讨论", [$"调查组于{r.DiscussedOn.Year}年{r.DiscussedOn.Month}月{r.DiscussedOn.Day}日集体讨论（《中国共产党问责条例》第十一条），参加人员：{string.Join("、", r.Participants)}。讨论结论：{r.DiscussionConclusion}"]),
            ],
            $"调查组组长：{c.Team?.Lead}", r.DiscussedOn);
    }

    public static OfficialDocument Decision(Case c, OrganisationTree tree)
    {
        var d = c.Decision ?? throw new DomainException("本案尚未作出问责决定。", "The case has no decision yet.");
        var issuer = tree.Contains(d.DecidedBy) ? tree.Unit(d.DecidedBy).Name : d.DecidedBy.ToString();
        var addressees = d.Measures.Select(m => m.Subject).Concat(d.Grounds.Select(g => g.Subject)).Distinct().Select(s => s.Kind == TargetKind.Cadre
            ? tree.Contains(new PersonId(s.Id)) && tree.Person(new PersonId(s.Id)) is var p ? $"{p.Name}同志及其所在党组织（{tree.Unit(p.UnitId).Name}）" : s.Id.ToString()
            : $"{UnitName(tree, new UnitId(s.Id))}党组织");
        return new(issuer, DocumentNumber("问责决", c), "问责决定书", string.Join("，", addressees),
            [
                Facts(c),
                Evaluation(c),
                new("三、问责决定", d.Measures.Select(m => Measure(tree, m))
                    .Concat(d.Grounds.Select(g => $"{SubjectName(tree, g.Subject)}：{g.Kind.Name().Zh}。{g.Reason}（《中国共产党问责条例》{Provision(g.Citation)}）"))
                    .Append($"依据：《党委（党组）网络安全工作责任制实施办法》第八条、第九条，《中国共产党问责条例》第八条。本决定由{issuer}作出（《党委（党组）网络安全工作责任制实施办法》第九条第二款）。").ToList()),
                new("四、申诉", [$"被问责党组织、被问责领导干部对本决定不服的，可以自收到本决定书之日起1个月内，向{issuer}提出书面申诉。申诉期间，不停止本决定的执行（《中国共产党问责条例》第二十条）。"]),
            ],
            issuer, d.DecidedOn);
    }

    /// <summary>
    /// The written answer to an appeal (Accountability Regulations, Article 20: 以书面形式告知提出申诉的党组织、领导干部及其所在党组织),
    /// addressed to the appellant and their organisation; a late appeal's refusal is answered in writing too.
    /// </summary>
    public static OfficialDocument AppealAnswer(Case c, OrganisationTree tree, int? number)
    {
        var answered = c.Appeals.Where(a => a.Status != AppealStatus.Pending).ToList();
        var appeal = number is { } n
            ? c.Appeals.FirstOrDefault(a => a.Number == n) ?? throw new DomainException($"本案没有第{n}号申诉。", $"The case has no appeal #{n}.")
            : answered.Count == 1 ? answered[0]
            : throw new DomainException(answered.Count == 0 ? "本案尚无已处理的申诉。" : "本案有多项已处理的申诉，请指明申诉编号。",
                answered.Count == 0 ? "The case has no answered appeal yet." : "The case has several answered appeals: name the appeal's number.");
        if (appeal.Status == AppealStatus.Pending)
            throw new DomainException($"第{appeal.Number}号申诉尚未处理。", $"Appeal #{appeal.Number} has not been answered yet.");
        var d = c.Decision!;
        var issuer = tree.Contains(d.DecidedBy) ? tree.Unit(d.DecidedBy).Name : d.DecidedBy.ToString();
        var appellant = appeal.Appellant;
        var addressee = appellant.Kind == TargetKind.Cadre && tree.Contains(new PersonId(appellant.Id)) && tree.Person(new PersonId(appellant.Id)) is var p
            ? $"{p.Name}同志及其所在党组织（{tree.Unit(p.UnitId).Name}）"
            : SubjectName(tree, appellant) + (appellant.Kind == TargetKind.Organisation ? "" : "及其所在党组织");
        var decidedOn = d.DecidedOn;
        var outcome = appeal.Status switch
        {
            AppealStatus.RefusedAsLate => ["申诉逾期，不予受理。" + appeal.Answer],
            AppealStatus.Upheld => ["经复查，维持原问责决定。", appeal.Answer!],
            _ => new[] { "经复查，改变原问责决定中对申诉人的处理：" }
                .Concat(d.Measures.Where(m => m.Subject == appellant).Select(m => Measure(tree, m)))
                .Concat(d.Grounds.Where(g => g.Subject == appellant)
                    .Select(g => $"{SubjectName(tree, g.Subject)}：{g.Kind.Name().Zh}。{g.Reason}（《中国共产党问责条例》{Provision(g.Citation)}）"))
                .Append(appeal.Answer!).ToList(),
        };
        return new(issuer, $"{DocumentNumber("问责申", c)[..^1]}-{appeal.Number}号", "申诉处理决定书", addressee,
            [
                new("一、申诉情况", [$"{SubjectName(tree, appellant)}于{appeal.LodgedOn.Year}年{appeal.LodgedOn.Month}月{appeal.LodgedOn.Day}日对{issuer}{decidedOn.Year}年{decidedOn.Month}月{decidedOn.Day}日作出的问责决定（{DocumentNumber("问责决", c)}）提出书面申诉。申诉理由：{appeal.Grounds}"]),
                new("二、处理决定", outcome),
                new("三、依据", [$"根据《中国共产党问责条例》第二十条，作出本申诉处理决定，并以书面形式告知申诉人及其所在党组织。申诉期间，不停止原问责决定的执行。"]),
            ],
            issuer, appeal.DecidedOn ?? appeal.LodgedOn);
    }

    // ---- the parts they share ----

    private static DocumentSection Facts(Case c) =>
        new("一、基本情况", [$"{c.OccurredAt.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日}，{c.Description}"]);

    private static DocumentSection Evaluation(Case c) =>
        new("二、问责情形", c.Evaluation.Circumstances.Where(e => e.Met)
            .Select(e => $"{e.Circumstance.Provision().Split(" / ")[0]}：{e.Citation.Text.Zh}")
            .Append(c.Evaluation.Conclusion.Zh).ToList());

    private static string Measure(OrganisationTree tree, Measure m) =>
        $"{SubjectName(tree, m.Subject)}：{string.Join("、", m.Forms.Select(f => f.Name().Zh))}。{m.Reason}";

    private static string SubjectName(OrganisationTree tree, AccountabilitySubject s) => s.Kind == TargetKind.Cadre
        ? PersonName(tree, new PersonId(s.Id))
        : $"{UnitName(tree, new UnitId(s.Id))}党组织";

    private static string PersonName(OrganisationTree tree, PersonId id) =>
        tree.Contains(id) ? $"{tree.Person(id).Name}（{tree.Person(id).Post}）" : id.ToString();

    private static string UnitName(OrganisationTree tree, UnitId id) => tree.Contains(id) ? tree.Unit(id).Name : id.ToString();

    private static string UnitName(Case c, OrganisationTree tree) => UnitName(tree, c.UnitId);

    private static string Office(Case c, OrganisationTree tree) =>
        (tree.Contains(c.UnitId) ? tree.CoordinatingDepartmentOf(c.UnitId)?.Name : null) ?? "网络安全和信息化委员会办公室";

    private static string Provision(Citation citation) => citation.Provision.Split(" / ")[0];

    /// <summary>发文字号: 机关代字〔年份〕序号号, the year and number taken from the case number (2026-0001).</summary>
    public static string DocumentNumber(string code, Case c)
    {
        var parts = c.Number.Split('-');
        return parts.Length == 2 && int.TryParse(parts[1], out var n) ? $"{code}〔{parts[0]}〕{n}号" : $"{code}〔{c.RegisteredAt.Year}〕{c.Number}号";
    }

    private static DateOnly ChinaDate(DateTimeOffset at) => TimeLimits.ChinaDate(at);
}
