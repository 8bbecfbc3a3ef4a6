namespace Investigation.Domain.Organisation;

/// <summary>A node of the organisation tree: a region's committee, an organ, an office, a regulator...</summary>
public sealed class Unit
{
    private readonly List<Appointment> appointments = [];

    public UnitId Id { get; }
    public string Name { get; private set; }
    public UnitKind Kind { get; private set; }
    public AdministrativeLevel Level { get; private set; }
    public UnitId? ParentId { get; internal set; }
    /// <summary>For a supervised unit, its industry; for an industry regulator, the industry it supervises.</summary>
    public string? Industry { get; private set; }
    /// <summary>
    /// A retired unit (撤销) stays in the tree with its cases and history; it takes no new cases and no
    /// new units or people.
    /// </summary>
    public bool Retired { get; internal set; }
    /// <summary>
    /// The industry regulator recorded for this unit, where the office names it rather than leaving it to
    /// the unit's industry (Article 4). Null: found from the industry.
    /// </summary>
    public UnitId? RegulatorId { get; internal set; }

    /// <summary>Every post ever held on the unit's leadership team, in the order recorded.</summary>
    public IReadOnlyList<Appointment> Appointments => appointments;

    internal Unit(UnitId id, string name, UnitKind kind, AdministrativeLevel level, UnitId? parentId, string? industry)
    {
        Id = id;
        Name = Guard.Text(name, "单位名称", "A unit's name");
        ParentId = parentId;
        Describe(kind, level, industry);
        Kind = kind;
        Level = level;
    }

    internal void Describe(UnitKind kind, AdministrativeLevel level, string? industry)
    {
        var named = string.IsNullOrWhiteSpace(industry) ? null : industry.Trim();
        if (kind == UnitKind.IndustryRegulator && named is null)
            throw new DomainException($"行业主管监管部门“{Name}”必须写明其主管监管的行业（第四条）。", $"Industry regulator '{Name}' must name the industry it supervises (Article 4).");
        Kind = kind;
        Level = level;
        Industry = named;
    }

    /// <summary>The team in office now: the appointments not ended. Null without a main lead and a security lead.</summary>
    public LeadershipTeam? Leadership => TeamOf(appointments.Where(a => a.IsCurrent).ToList());

    /// <summary>The appointments that covered a day.</summary>
    public IReadOnlyList<Appointment> AppointmentsOn(DateOnly day) => appointments.Where(a => a.Covers(day)).ToList();

    /// <summary>The team in office on a day; null if the day had no main lead or no security lead.</summary>
    public LeadershipTeam? LeadershipOn(DateOnly day) => TeamOf(AppointmentsOn(day));

    private static LeadershipTeam? TeamOf(IReadOnlyList<Appointment> held)
    {
        var main = held.Where(a => a.Role == LeadershipRole.MainLead).ToList();
        var security = held.Where(a => a.Role == LeadershipRole.SecurityLead).ToList();
        if (main.Count != 1 || security.Count != 1) return null;
        return new LeadershipTeam(main[0].Person, security[0].Person, held.Where(a => a.Role == LeadershipRole.Member).Select(a => a.Person));
    }

    /// <summary>Records the team as in office since always, replacing any record (the demo, tests, a first import).</summary>
    internal void SetLeadership(LeadershipTeam team)
    {
        appointments.Clear();
        appointments.AddRange(Posts(team).Select(p => new Appointment(p.Person, p.Role, Appointment.Always)));
    }

    /// <summary>Adds a post held as recorded elsewhere (stored rows, an imported file), checking it overlaps no other holder of a single post.</summary>
    internal void Add(Appointment appointment)
    {
        if (appointment.To is { } to && to < appointment.From)
            throw new DomainException($"{Name}的领导班子任职记录结束日期早于开始日期。", $"A post on the leadership team of {Name} ends before it begins.");
        var clash = appointments.FirstOrDefault(a => Overlaps(a, appointment)
            && (a.Person == appointment.Person ? a.Role == appointment.Role : a.Role == appointment.Role && a.Role != LeadershipRole.Member));
        if (clash is not null)
            throw new DomainException($"{Name}的{appointment.Role.Name().Zh}任职时间与另一条记录重叠（{clash.From:yyyy-MM-dd}起）。",
                $"The {appointment.Role.Name().En} post of {Name} overlaps another record (from {clash.From:yyyy-MM-dd}).");
        appointments.Add(appointment);
    }

    private static bool Overlaps(Appointment a, Appointment b) =>
        a.From <= (b.To ?? DateOnly.MaxValue) && b.From <= (a.To ?? DateOnly.MaxValue);

    /// <summary>
    /// The team changes on a day: those who keep their post keep their appointment, those who leave it
    /// held it until the day before, the newcomers hold it from that day. Changes are recorded in order:
    /// the day is after every date already on record, so no earlier day's team is rewritten.
    /// </summary>
    internal void ChangeLeadership(LeadershipTeam team, DateOnly from)
    {
        var latest = appointments.Select(a => a.To is { } to && to > a.From ? to : a.From).DefaultIfEmpty(DateOnly.MinValue).Max();
        if (appointments.Count > 0 && from <= latest)
            throw new DomainException($"{Name}的领导班子变动须晚于已记录的最近日期（{latest:yyyy-MM-dd}）：已记录的班子不能改写。",
                $"A change of the leadership team of {Name} must be dated after the latest date on record ({latest:yyyy-MM-dd}): the teams on record cannot be rewritten.");
        var posts = Posts(team).ToList();
        for (var i = 0; i < appointments.Count; i++)
        {
            var a = appointments[i];
            if (a.IsCurrent && !posts.Contains((a.Person, a.Role)))
                appointments[i] = a with { To = from.AddDays(-1) };
        }
        foreach (var (person, role) in posts)
            if (!appointments.Any(a => a.IsCurrent && a.Person == person && a.Role == role))
                appointments.Add(new Appointment(person, role, from));
    }

    private static IEnumerable<(PersonId Person, LeadershipRole Role)> Posts(LeadershipTeam team) =>
        new[] { (team.MainLead, LeadershipRole.MainLead), (team.SecurityLead, LeadershipRole.SecurityLead) }
            .Concat(team.OtherMembers.Select(m => (m, LeadershipRole.Member)));

    internal void Rename(string name) => Name = Guard.Text(name, "单位名称", "A unit's name");

    /// <summary>The head of the unit: for a department, the main person in charge of its leadership.</summary>
    public PersonId? Head => Leadership?.MainLead;

    /// <summary>The head on a day: who answers for a department's coordination or supervision at the incident.</summary>
    public PersonId? HeadOn(DateOnly day) => LeadershipOn(day)?.MainLead;
}
