namespace Investigation.Domain.Accountability;

/// <summary>
/// The kinds of ground the 2019 Accountability Regulations let a decision rest on when it departs from the
/// ordinary measure: no accountability or exemption (Article 17), lighter or mitigated handling (Article 18),
/// heavier or aggravated handling (Article 19).
/// </summary>
public enum GroundKind
{
    /// <summary>不予问责 (Article 17).</summary>
    NoAccountability,
    /// <summary>免予问责 (Article 17).</summary>
    Exemption,
    /// <summary>从轻问责 (Article 18).</summary>
    Lighter,
    /// <summary>减轻问责 (Article 18).</summary>
    Mitigated,
    /// <summary>从重问责 (Article 19).</summary>
    Heavier,
    /// <summary>加重问责 (Article 19).</summary>
    Aggravated,
}

/// <summary>A ground recorded on a decision for one subject: its kind, the facts that make it out, and its article.</summary>
public sealed record DecisionGround
{
    public const int MaxReasonLength = 2000;

    public AccountabilitySubject Subject { get; }
    public GroundKind Kind { get; }
    public string Reason { get; }

    public DecisionGround(AccountabilitySubject subject, GroundKind kind, string reason)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("未知的问责情节。", "Unknown kind of ground.");
        Subject = subject;
        Kind = kind;
        Reason = Guard.Text(reason, $"{kind.Name().Zh}的理由", $"The reason for {kind.Name().En}");
        if (Reason.Length > MaxReasonLength)
            throw new DomainException($"{kind.Name().Zh}的理由不能超过{MaxReasonLength}字。", $"The reason for {kind.Name().En} is at most {MaxReasonLength} characters.");
    }

    public Citation Citation => Kind.ArticleOf();

    /// <summary>No accountability or exemption: the subject is left without a measure.</summary>
    public bool LeavesWithoutMeasure => Kind is GroundKind.NoAccountability or GroundKind.Exemption;
}

public static class Grounds
{
    public static readonly Citation Article17 = Domain.Citation.OfAccountabilityRegulations("第十七条第一款 / Article 17, paragraph 1",
        "有下列情形之一的，可以不予问责或者免予问责：（一）在推进改革中因缺乏经验、先行先试出现的失误，尚无明确限制的探索性试验中的失误，为推动发展的无意过失；（二）在集体决策中对错误决策提出明确反对意见或者保留意见的；（三）在决策实施中已经履职尽责，但因不可抗力、难以预见等因素造成损失的。",
        "No accountability or exemption may be granted for: (1) mistakes made for want of experience in reform or in exploratory trials without clear limits, unintended errors in promoting development; (2) having clearly opposed or reserved on a wrong collective decision; (3) having done one's duty in carrying out a decision when losses came from force majeure or unforeseeable factors.");

    public static readonly Citation Article18 = Domain.Citation.OfAccountabilityRegulations("第十八条 / Article 18",
        "有下列情形之一的，可以从轻或者减轻问责：（一）及时采取补救措施，有效挽回损失或者消除不良影响的；（二）积极配合问责调查工作，主动承担责任的；（三）党内法规规定的其他从轻、减轻情形。",
        "Lighter or mitigated accountability may be applied where: (1) remedial measures were taken in time and losses recovered or bad effects removed; (2) the subject cooperated actively with the investigation and took responsibility; (3) other lighter or mitigating circumstances under Party regulations.");

    public static readonly Citation Article19 = Domain.Citation.OfAccountabilityRegulations("第十九条 / Article 19",
        "有下列情形之一的，应当从重或者加重问责：（一）对党中央、上级党组织三令五申的指示要求，不执行或者执行不力的；（二）在接受问责调查和处理中，不如实报告情况，敷衍塞责、推卸责任，或者唆使、默许有关部门和人员弄虚作假，阻扰问责工作的；（三）党内法规规定的其他从重、加重情形。",
        "Heavier or aggravated accountability is applied where: (1) repeated instructions of the Central Committee or a higher Party organisation were not carried out or carried out poorly; (2) the subject did not report truthfully, shirked responsibility, or instigated or condoned falsification to obstruct the accountability work; (3) other heavier or aggravating circumstances under Party regulations.");

    /// <summary>Article 6, paragraph 2: the members of a Party organisation held accountable answer with it.</summary>
    public static readonly Citation Article6Paragraph2 = Domain.Citation.OfAccountabilityRegulations("第六条第二款 / Article 6, paragraph 2",
        "对党组织问责的，应当同时对该党组织中负有责任的领导班子成员进行问责。",
        "Where a Party organisation is held accountable, the members of its leadership team who bear responsibility are held accountable at the same time.");

    public static Citation ArticleOf(this GroundKind kind) => kind switch
    {
        GroundKind.NoAccountability or GroundKind.Exemption => Article17,
        GroundKind.Lighter or GroundKind.Mitigated => Article18,
        GroundKind.Heavier or GroundKind.Aggravated => Article19,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static BilingualText Name(this GroundKind kind) => kind switch
    {
        GroundKind.NoAccountability => new("不予问责", "no accountability"),
        GroundKind.Exemption => new("免予问责", "exemption from accountability"),
        GroundKind.Lighter => new("从轻问责", "lighter accountability"),
        GroundKind.Mitigated => new("减轻问责", "mitigated accountability"),
        GroundKind.Heavier => new("从重问责", "heavier accountability"),
        GroundKind.Aggravated => new("加重问责", "aggravated accountability"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
