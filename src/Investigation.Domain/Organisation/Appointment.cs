namespace Investigation.Domain.Organisation;

/// <summary>The posts of a leadership team (领导班子) that the trace-back reads (Article 2, Article 8).</summary>
public enum LeadershipRole
{
    /// <summary>主要负责人: the main person in charge (第一责任人).</summary>
    MainLead,
    /// <summary>主管网络安全的领导班子成员: the member in charge of cybersecurity (直接责任人).</summary>
    SecurityLead,
    /// <summary>其他领导班子成员.</summary>
    Member,
}

public static class LeadershipRoleExtensions
{
    public static BilingualText Name(this LeadershipRole role) => role switch
    {
        LeadershipRole.MainLead => new("主要负责人", "main person in charge"),
        LeadershipRole.SecurityLead => new("主管网络安全的领导班子成员", "member in charge of cybersecurity"),
        LeadershipRole.Member => new("其他领导班子成员", "other member"),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>
/// One person holding one post of a unit's leadership team from a date to a date. Dates are calendar
/// days in China Standard Time, both included: the day someone takes office and the last day they
/// hold it. <see cref="To"/> is null while they still hold it.
/// </summary>
public sealed record Appointment(PersonId Person, LeadershipRole Role, DateOnly From, DateOnly? To = null)
{
    /// <summary>The date meant by "since the beginning": a team recorded without a date of taking office.</summary>
    public static readonly DateOnly Always = DateOnly.MinValue;

    public bool IsCurrent => To is null;

    public bool Covers(DateOnly day) => From <= day && (To is not { } to || day <= to);
}

/// <summary>
/// The leadership team a case traced, fixed when the case is accepted: the appointments that covered
/// the incident's date, and why that team applied. Later changes to the organisation do not touch it.
/// </summary>
public sealed record AppliedLeadership(DateOnly IncidentDate, IReadOnlyList<Appointment> Appointments, BilingualText Reason)
{
    public LeadershipTeam Team() => new(
        Appointments.Single(a => a.Role == LeadershipRole.MainLead).Person,
        Appointments.Single(a => a.Role == LeadershipRole.SecurityLead).Person,
        Appointments.Where(a => a.Role == LeadershipRole.Member).Select(a => a.Person));
}

/// <summary>Calendar days of the Measures: China Standard Time, which has no daylight saving.</summary>
public static class ChinaDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);
}
