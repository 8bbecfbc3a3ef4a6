using Investigation.Domain.Organisation;

namespace Investigation.Domain.TraceBack;

/// <summary>One level of the chain: who is traced there, its status and its findings.</summary>
public sealed class ChainLevel
{
    private readonly List<Finding> findings = [];
    private readonly List<Finding> superseded = [];

    internal ChainLevel(TraceBackLevel level, IEnumerable<PersonId> subjects, LevelStatus status)
    {
        Level = level;
        Subjects = subjects.Distinct().ToList();
        Status = status;
    }

    public TraceBackLevel Level { get; }
    /// <summary>The people this level must give a finding on. Level 1's are named by its findings.</summary>
    public IReadOnlyList<PersonId> Subjects { get; private set; }
    public LevelStatus Status { get; private set; }
    public IReadOnlyList<Finding> Findings => findings;
    /// <summary>Findings replaced by a supplementary investigation, kept for the record.</summary>
    public IReadOnlyList<Finding> Superseded => superseded;
    public int Round { get; private set; } = 1;

    internal void Open() => Status = LevelStatus.Open;
    internal void MarkNotApplicable() { Status = LevelStatus.NotApplicable; findings.Clear(); Subjects = []; }
    internal void SetSubjects(IEnumerable<PersonId> subjects) => Subjects = subjects.Distinct().ToList();

    internal void Record(IReadOnlyList<Finding> newFindings)
    {
        findings.Clear();
        findings.AddRange(newFindings);
        Status = LevelStatus.Done;
    }

    internal void Reopen()
    {
        superseded.AddRange(findings);
        findings.Clear();
        Round++;
        Status = LevelStatus.Open;
    }

    internal static ChainLevel Restore(TraceBackLevel level, IEnumerable<PersonId> subjects, LevelStatus status, int round,
        IEnumerable<Finding> current, IEnumerable<Finding> superseded)
    {
        var l = new ChainLevel(level, subjects, status) { Round = round };
        l.findings.AddRange(current);
        l.superseded.AddRange(superseded);
        return l;
    }
}

/// <summary>
/// 逐级倒查: level 1 the parties concerned, level 2 the cybersecurity person in charge, level 3 the
/// main person in charge, each investigated only after the level below it; and, in parallel, the
/// coordination assessment that decides whether level 4 (the coordinating or supervising head) is traced.
/// </summary>
public sealed class TraceBackChain
{
    private static readonly BilingualText HeadOnlyIfIneffective = new(
        "只有在协调监管被评估为不力之后，才倒查综合协调或监管部门负责人。",
        "The coordinating or supervising head is traced only after coordination or supervision has been assessed as ineffective.");

    private readonly SortedDictionary<TraceBackLevel, ChainLevel> levels;

    private TraceBackChain(UnitId unit, SortedDictionary<TraceBackLevel, ChainLevel> levels, CoordinationAssessment? assessment, AppliedLeadership? applied)
    {
        Unit = unit;
        this.levels = levels;
        Assessment = assessment;
        Applied = applied;
    }

    public UnitId Unit { get; }
    /// <summary>
    /// The leadership team traced, as it was on the incident's date, and why. Null only for chains
    /// started before teams carried dates; those read the unit's current team.
    /// </summary>
    public AppliedLeadership? Applied { get; }
    public CoordinationAssessment? Assessment { get; private set; }
    public IEnumerable<ChainLevel> Levels => levels.Values;
    public ChainLevel this[TraceBackLevel level] => levels[level];

    /// <summary>
    /// Starts the trace-back on the team that held office on the incident's date (Article 8 asks who was
    /// responsible when it happened): someone appointed later is not traced, someone who has left since is.
    /// </summary>
    public static TraceBackChain Start(OrganisationTree organisation, UnitId unitId, DateOnly incidentDate)
    {
        var unit = organisation.Unit(unitId);
        var held = unit.AppointmentsOn(incidentDate);
        var team = unit.LeadershipOn(incidentDate) ?? throw new DomainException(
            $"{unit.Name}没有登记事件发生之日（{incidentDate:yyyy-MM-dd}）在任的领导班子（主要负责人和主管网络安全的领导班子成员），无法倒查网络安全负责人和主要负责人。",
            $"{unit.Name} has no leadership team on record for the incident's date ({incidentDate:yyyy-MM-dd}) (a main person in charge and a member in charge of cybersecurity): they cannot be traced.");
        var dated = held.Any(a => a.From != Appointment.Always || a.To is not null) || unit.Appointments.Count != held.Count;
        var reason = dated
            ? new BilingualText(
                $"按事件发生之日（{incidentDate:yyyy-MM-dd}，北京时间）{unit.Name}在任的领导班子倒查：之后任职的人员不倒查，之后离任的人员仍倒查（《实施办法》第八条第二款“逐级倒查”：按事件发生时在任者倒查，是本系统的理解，该款未明言时点）。",
                $"Traced on the leadership team of {unit.Name} in office on the incident's date ({incidentDate:yyyy-MM-dd}, China Standard Time): people appointed later are not traced, people who left later still are (Measures, Article 8, paragraph 2, ‘trace back level by level’: tracing those in office when it happened is this system's reading; the paragraph names no date).")
            : new BilingualText(
                $"{unit.Name}的领导班子未登记任职日期，按登记的班子倒查。",
                $"The leadership team of {unit.Name} is on record without dates of taking office; the team on record is traced.");
        var applied = new AppliedLeadership(incidentDate, held, reason);
        var levels = new SortedDictionary<TraceBackLevel, ChainLevel>
        {
            [TraceBackLevel.PartyConcerned] = new(TraceBackLevel.PartyConcerned, [], LevelStatus.Open),
            [TraceBackLevel.SecurityLead] = new(TraceBackLevel.SecurityLead, [team.SecurityLead], LevelStatus.Pending),
            [TraceBackLevel.MainLead] = new(TraceBackLevel.MainLead, [team.MainLead], LevelStatus.Pending),
            [TraceBackLevel.CoordinatingSupervisingHead] = new(TraceBackLevel.CoordinatingSupervisingHead, [], LevelStatus.Pending),
        };
        return new(unitId, levels, null, applied);
    }

    public static TraceBackChain Restore(UnitId unit, IEnumerable<ChainLevel> levels, CoordinationAssessment? assessment, AppliedLeadership? applied = null) =>
        new(unit, new(levels.ToDictionary(l => l.Level)), assessment, applied);

    public bool CanRecord(TraceBackLevel level) => levels[level].Status == LevelStatus.Open;

    /// <summary>Records the findings of a level; the next level up opens once this one is done.</summary>
    public void RecordFindings(TraceBackLevel level, IEnumerable<Finding> findings)
    {
        var target = levels[level];
        var list = findings.ToList();
        var name = level.Name();
        if (level == TraceBackLevel.CoordinatingSupervisingHead && Assessment is null)
            throw new DomainException(HeadOnlyIfIneffective);
        if (target.Status != LevelStatus.Open)
            throw new DomainException(target.Status switch
            {
                LevelStatus.Pending when level == TraceBackLevel.CoordinatingSupervisingHead => HeadOnlyIfIneffective,
                LevelStatus.Pending => new(
                    $"第{(int)level}级（{name.Zh}）须在第{(int)level - 1}级完成后倒查：应当逐级倒查。",
                    $"Level {(int)level} ({name.En}) is traced only after level {(int)level - 1} is done: trace back level by level."),
                LevelStatus.NotApplicable => new(
                    "协调监管已评估为有效：第4级不倒查任何人。",
                    "Coordination and supervision were assessed as effective: nobody is traced at level 4."),
                _ => new(
                    $"第{(int)level}级（{name.Zh}）已完成；如需修改其调查结论，请退回补充调查后重新开启。",
                    $"Level {(int)level} ({name.En}) is done; reopen it for supplementary investigation to change its findings."),
            });
        if (list.Count == 0)
            throw new DomainException($"请为第{(int)level}级（{name.Zh}）至少记录一项调查结论。",
                $"Record at least one finding for level {(int)level} ({name.En}).");
        if (list.Select(f => f.Person).Distinct().Count() != list.Count)
            throw new DomainException("同一级中每人只有一项调查结论。", "Each person gets one finding per level.");
        // A leader answers for a duty of the Party committee (Article 3) left undone; "responsible" without one would
        // put leadership responsibility on nothing but the office held (第八条第二款 traces 责任, not posts).
        if (level != TraceBackLevel.PartyConcerned && list.Any(f => f.Responsible && f.DutyFailed is null))
            throw new DomainException(
                $"第{(int)level}级（{name.Zh}）认定“负有责任”时，须写明其未履行或未正确履行的第三条职责（《实施办法》第三条、第八条第二款）。",
                $"At level {(int)level} ({name.En}) a finding of \"responsible\" must name the Article 3 duty that was not performed or not performed correctly (Measures, Article 3 and Article 8, paragraph 2).");
        if (level != TraceBackLevel.PartyConcerned)
        {
            var missing = target.Subjects.Except(list.Select(f => f.Person)).ToList();
            var extra = list.Select(f => f.Person).Except(target.Subjects).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw new DomainException($"第{(int)level}级（{name.Zh}）须为该级倒查的每个人各记录一项调查结论。",
                    $"Level {(int)level} ({name.En}) needs exactly one finding for each person traced there.");
        }
        else
            target.SetSubjects(list.Select(f => f.Person));
        target.Record(list);
        if (level is TraceBackLevel.PartyConcerned or TraceBackLevel.SecurityLead
            && levels[level + 1] is { Status: LevelStatus.Pending } next)
            next.Open();
    }

    /// <summary>
    /// Records whether coordination or supervision was ineffective. If so, level 4 opens on the heads of
    /// the departments concerned; if not, level 4 is not applicable.
    /// </summary>
    public void AssessCoordination(OrganisationTree organisation, CoordinationAssessment assessment)
    {
        var level4 = levels[TraceBackLevel.CoordinatingSupervisingHead];
        if (Assessment is not null && level4.Status != LevelStatus.Open)
            throw new DomainException("协调监管已经评估；如需重新评估，请重新开启第4级。",
                "Coordination and supervision have been assessed already; reopen level 4 to assess them again.");
        // Who is traced is settled before anything changes, so a refusal leaves the chain as it was.
        var heads = new List<PersonId>();
        if (assessment.CoordinationIneffective)
            heads.Add(HeadOf(organisation.CoordinatingDepartmentOf(Unit)
                ?? throw new DomainException("该单位所在地区没有负责综合协调的网络安全和信息化领导机构办公室：请先登记组织体系。",
                    "No cyberspace affairs office coordinates this unit's region: record the organisation first."), organisation));
        if (assessment.SupervisionIneffective)
            heads.Add(HeadOf(organisation.SupervisingDepartmentOf(Unit).Department, organisation));
        Assessment = assessment;
        if (!assessment.AnyIneffective)
        {
            level4.MarkNotApplicable();
            return;
        }
        level4.SetSubjects(heads);
        level4.Open();
    }

    /// <summary>The department's head on the incident's date when the chain knows it, else its head now.</summary>
    private PersonId HeadOf(Unit department, OrganisationTree organisation) =>
        (Applied is { } a ? department.HeadOn(a.IncidentDate) ?? department.Head : department.Head) ?? throw new DomainException($"{department.Name}没有登记负责人。", $"{department.Name} has no head on record.");

    /// <summary>Supplementary investigation: only the named levels reopen; the others keep their findings.</summary>
    public void Reopen(IEnumerable<TraceBackLevel> toReopen)
    {
        var list = toReopen.Distinct().ToList();
        if (list.Count == 0) throw new DomainException("请至少指明一级需要补充调查。", "Name at least one level to investigate again.");
        foreach (var level in list)
            if (levels[level].Status is not (LevelStatus.Done or LevelStatus.NotApplicable))
                throw new DomainException($"第{(int)level}级（{level.Name().Zh}）尚未完成，不能重新开启。",
                    $"Level {(int)level} ({level.Name().En}) is not finished, so it cannot be reopened.");
        foreach (var level in list)
        {
            levels[level].Reopen();
            if (level == TraceBackLevel.CoordinatingSupervisingHead) Assessment = null;
        }
    }

    public bool IsComplete => levels.Values.All(l => l.Status is LevelStatus.Done or LevelStatus.NotApplicable);

    public IEnumerable<(TraceBackLevel Level, Finding Finding)> CurrentFindings =>
        levels.Values.SelectMany(l => l.Findings.Select(f => (l.Level, f)));
}
