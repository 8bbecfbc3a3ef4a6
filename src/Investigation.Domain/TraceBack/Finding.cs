using Investigation.Domain.Incidents;

namespace Investigation.Domain.TraceBack;

/// <summary>
/// An investigator's finding on one person at one level: responsible or not, on what facts and
/// evidence (实事求是). "Not responsible" is a finding too and carries its reason.
/// </summary>
public sealed record Finding
{
    public PersonId Person { get; }
    public bool Responsible { get; }
    public string Facts { get; }
    public IReadOnlyList<string> Evidence { get; }
    public Article3Duty? DutyFailed { get; }
    public string? ReasonNotResponsible { get; }

    public Finding(PersonId person, bool responsible, string facts, IReadOnlyList<string> evidence,
        Article3Duty? dutyFailed = null, string? reasonNotResponsible = null)
    {
        Person = person;
        Responsible = responsible;
        Facts = Guard.Text(facts, "调查结论所依据的事实", "The facts of a finding");
        Evidence = evidence.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList();
        if (Evidence.Count == 0)
            throw new DomainException("调查结论必须至少引用一项证据。", "A finding must refer to at least one piece of evidence.");
        if (!responsible && string.IsNullOrWhiteSpace(reasonNotResponsible))
            throw new DomainException("“不负有责任”的调查结论必须说明理由。", "A finding of \"not responsible\" must give its reason.");
        if (!responsible && dutyFailed is not null)
            throw new DomainException("认定不负有责任的人员，不能同时认定其未履行第三条规定的职责。", "A person found not responsible cannot have failed an Article 3 duty.");
        DutyFailed = dutyFailed;
        ReasonNotResponsible = responsible ? null : reasonNotResponsible!.Trim();
    }
}
