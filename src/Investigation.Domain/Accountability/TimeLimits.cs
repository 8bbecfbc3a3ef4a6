namespace Investigation.Domain.Accountability;

/// <summary>
/// The time limits the 2019 Accountability Regulations set in months, counted as Chinese practice counts a
/// period of months (the reading applied, after 《民法典》 Articles 201 and 202): the day the period starts from
/// does not count; the period ends on the day of the last month with the same number, or on that month's last
/// day when it has no such day (received 31 January → the last day is 28 or 29 February). The period ends at
/// 24:00 China Standard Time on that day. Not applied: moving the end past a public holiday (Article 203 of the
/// Civil Code): the Regulations do not say so, and a day more in hand never shortens an appeal.
/// </summary>
public static class TimeLimits
{
    /// <summary>《实施办法》第十四条：本办法自2017年8月15日起施行 (China time): nothing before it is under the Measures.</summary>
    public static readonly DateTimeOffset MeasuresInForce = new(2017, 8, 15, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The day the Measures came into force.</summary>
    public static DateOnly MeasuresInForceOn => DateOnly.FromDateTime(MeasuresInForce.DateTime);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>1个月 from <paramref name="from"/>: the last day on which the act is still in time.</summary>
    public static DateOnly LastDayOfOneMonth(DateOnly from) => from.AddMonths(1);

    /// <summary>The moment the last day ends (24:00 in Beijing).</summary>
    public static DateTimeOffset EndOf(DateOnly lastDay) => new(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset);

    /// <summary>The date a moment falls on in Beijing.</summary>
    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    public static readonly Citation Appeal = Citation.OfAccountabilityRegulations("第二十条 / Article 20",
        "被问责党组织、被问责领导干部对问责决定不服的，可以自收到问责决定书之日起1个月内，向作出问责决定的党组织提出书面申诉。作出问责决定的党组织接到书面申诉后，应当在1个月内作出申诉处理决定，并以书面形式告知提出申诉的党组织、领导干部及其所在党组织。申诉期间，不停止问责决定的执行。",
        "A Party organisation or leading cadre held accountable who disagrees may appeal in writing to the organisation that decided within one month of receiving the decision; that organisation decides the appeal within one month of receiving it and answers in writing to the appellant and their organisation. Execution is not suspended during the appeal.");

    public static readonly Citation OrganisationalAdjustment = Citation.OfAccountabilityRegulations("第十四条 / Article 14",
        "涉及组织调整或者组织处理的，相应手续应当在1个月内办理完毕。",
        "Where organisational adjustment or handling is involved, the formalities are completed within one month.");
}
