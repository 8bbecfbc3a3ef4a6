using Investigation.Domain.Organisation;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Responsibility;

/// <summary>
/// Article 9: distinguish collective and individual responsibility. Under collective responsibility
/// the main person in charge and the member in charge of cybersecurity bear main leadership
/// responsibility, the other members who took part in the decision important leadership
/// responsibility, and members who did not take part none.
/// </summary>
public static class Article9
{
    public static readonly Citation Collective = Citation.OfMeasures("第九条第一款 / Article 9, paragraph 1",
        "追究集体责任时，领导班子主要负责人和主管网络安全的领导班子成员承担主要领导责任，参与相关工作决策的领导班子其他成员承担重要领导责任。",
        "Under collective responsibility, the main person in charge and the member in charge of cybersecurity bear main leadership responsibility; other members who took part in the decision bear important leadership responsibility.");

    public static readonly Citation Individual = Citation.OfAccountabilityRegulations("第六条 / Article 6",
        "问责应当分清责任。……领导班子主要负责人和直接主管的班子成员在职责范围内承担主要领导责任，参与决策和工作的班子其他成员在职责范围内承担重要领导责任。",
        "Accountability distinguishes responsibilities: the main person in charge and the directly supervising member bear main leadership responsibility within their remit; other members who took part bear important leadership responsibility.");

    public static readonly Citation FactsFirst = Citation.OfMeasures("第九条第一款 / Article 9, paragraph 1",
        "实施责任追究应当实事求是，分清集体责任和个人责任。",
        "Accountability is based on facts and distinguishes collective from individual responsibility.");

    /// <summary>The party concerned is the first of those traced; their responsibility is for their own act, not a leadership one.</summary>
    public static readonly Citation PartyConcerned = Citation.OfMeasures("第八条第二款 / Article 8, paragraph 2",
        "有下列情形之一的，各级党委（党组）应当逐级倒查，追究当事人、网络安全负责人至主要负责人责任。",
        "Where one of the following circumstances occurs, Party committees (Party groups) at every level trace back level by level and hold the party concerned, the cybersecurity person in charge and up to the main person in charge responsible.");

    /// <summary>The coordinating or supervising head is traced only where coordination or supervision failed (Article 4 names who supervises).</summary>
    public static readonly Citation CoordinatingHead = Citation.OfMeasures("第八条第二款、第四条 / Article 8, paragraph 2; Article 4",
        "协调监管不力的，还应当追究综合协调或监管部门负责人责任。（第四条：行业主管监管部门对本行业本领域的网络安全负指导监管责任。没有主管监管部门的，由所在地区负指导监管责任。）",
        "Where coordination or supervision was ineffective, the head of the comprehensive coordination or supervising department is held responsible too. (Article 4: the industry regulator supervises its industry; where there is none, the region does.)");

    /// <summary>Derives every traced person's responsibility, and every team member's under a collective decision.</summary>
    public static IReadOnlyList<PersonResponsibility> Derive(TraceBackChain chain, LeadershipTeam team, DecisionRecord decision)
    {
        if (!chain.IsComplete)
            throw new DomainException("逐级倒查的每一级都完成后，才能认定责任。", "Responsibility is determined once every level of the trace-back is done.");
        if (decision.Participants.Any(p => !team.Includes(p)))
            throw new DomainException("只有领导班子成员参与其决策。", "Only members of the leadership team take part in its decisions.");

        var result = new Dictionary<PersonId, PersonResponsibility>();
        foreach (var (level, finding) in chain.CurrentFindings)
        {
            // A person may be traced at two levels (a main lead who is also the party concerned): the heavier stands.
            var derived = FromFinding(level, finding, team, decision);
            if (!result.TryGetValue(finding.Person, out var existing) || Weight(derived.Derived) > Weight(existing.Derived))
                result[finding.Person] = derived;
        }
        if (decision.Collective)
            foreach (var member in team.OtherMembers.Where(m => !result.ContainsKey(m)))
                result[member] = decision.Participants.Contains(member)
                    ? new(member, null, ResponsibilityKind.ImportantLeadership,
                        new("参与相关工作决策的领导班子其他成员，承担重要领导责任。", "A member of the leadership team who took part in the decision: important leadership responsibility."),
                        Collective, decision.Dissenters.Contains(member))
                    : new(member, null, ResponsibilityKind.None,
                        new("未参与相关工作决策，不承担集体决策责任。", "Did not take part in the decision: no responsibility for it."),
                        Collective, false);
        return result.Values.ToList();
    }

    private static PersonResponsibility FromFinding(TraceBackLevel level, Finding finding, LeadershipTeam team, DecisionRecord decision)
    {
        var person = finding.Person;
        var dissented = decision.Dissenters.Contains(person);
        if (!finding.Responsible)
            return new(person, level, ResponsibilityKind.None,
                new($"调查认定不负有责任：{finding.ReasonNotResponsible}", $"Found not responsible: {finding.ReasonNotResponsible}"),
                FactsFirst, dissented);
        // The party concerned answers for their own act, whatever the team decided.
        if (level == TraceBackLevel.PartyConcerned)
            return new(person, level, ResponsibilityKind.Direct,
                new("当事人对本人的行为或不作为承担直接责任（第八条第二款把当事人列为倒查的第一级；称“直接责任”是本系统的理解，该款未使用这一用语）。",
                    "The party concerned answers directly for their own act or omission (Article 8, paragraph 2 names the party concerned first among those traced; calling it \"direct\" responsibility is this system's reading, the paragraph does not use the term)."),
                PartyConcerned, dissented);
        if (decision.Collective && (person == team.MainLead || person == team.SecurityLead))
            return new(person, level, ResponsibilityKind.MainLeadership,
                person == team.MainLead
                    ? new("集体决策中，领导班子主要负责人承担主要领导责任。", "Collective decision: the main person in charge bears main leadership responsibility.")
                    : new("集体决策中，主管网络安全的领导班子成员承担主要领导责任。", "Collective decision: the member in charge of cybersecurity bears main leadership responsibility."),
                Collective, dissented);
        if (decision.Collective && team.OtherMembers.Contains(person) && decision.Participants.Contains(person))
            return new(person, level, ResponsibilityKind.ImportantLeadership,
                new("参与相关工作决策的领导班子其他成员，承担重要领导责任。", "A member who took part in the decision: important leadership responsibility."),
                Collective, dissented);
        return level switch
        {
            TraceBackLevel.SecurityLead => new(person, level, ResponsibilityKind.MainLeadership,
                new("主管网络安全的领导班子成员（直接责任人）在职责范围内承担主要领导责任。", "The member in charge of cybersecurity (the directly responsible person) bears main leadership responsibility within their remit."),
                Individual, dissented),
            TraceBackLevel.MainLead => new(person, level, ResponsibilityKind.MainLeadership,
                new("领导班子主要负责人（第一责任人）在职责范围内承担主要领导责任。", "The main person in charge (the first responsible person) bears main leadership responsibility within their remit."),
                Individual, dissented),
            _ => new(person, level, ResponsibilityKind.MainLeadership,
                new("协调监管不力，综合协调或监管部门负责人在职责范围内承担主要领导责任（第八条第二款、第四条）。", "Coordination or supervision was ineffective: the head of the department bears main leadership responsibility within their remit (Article 8, paragraph 2; Article 4)."),
                CoordinatingHead, dissented),
        };
    }

    private static int Weight(ResponsibilityKind kind) => kind switch
    {
        ResponsibilityKind.None => 0,
        ResponsibilityKind.ImportantLeadership => 1,
        ResponsibilityKind.MainLeadership => 2,
        ResponsibilityKind.Direct => 3,
        _ => 0,
    };
}
