namespace Investigation.Domain.Incidents;

/// <summary>Why accountability applies to an incident, if it does.</summary>
public enum AccountabilityBasis
{
    /// <summary>Neither a circumstance nor a failed Article 3 duty: no accountability under the Measures.</summary>
    None,
    /// <summary>Article 8, first paragraph: an Article 3 duty was not performed; trace-back is not mandatory.</summary>
    DutyFailure,
    /// <summary>Article 8, second paragraph: one of the seven circumstances; trace-back level by level is mandatory.</summary>
    SeriousCircumstance,
}

/// <summary>The evaluation of an incident against Article 8: every circumstance, met or not, and why.</summary>
public sealed record Article8Evaluation(
    IReadOnlyList<CircumstanceEvaluation> Circumstances,
    IReadOnlyList<Article3Duty> DutiesFailed,
    AccountabilityBasis Basis)
{
    public static readonly Citation FirstParagraph = Citation.OfMeasures("第八条第一款 / Article 8, paragraph 1",
        "各级党委（党组）违反或者未能正确履行本办法所列职责，按照有关规定追究其相关责任。",
        "Party committees (Party groups) that violate or fail to properly perform the duties listed in these Measures are held accountable under the relevant rules.");

    public static readonly Citation SecondParagraph = Citation.OfMeasures("第八条第二款 / Article 8, paragraph 2",
        "有下列情形之一的，各级党委（党组）应当逐级倒查，追究当事人、网络安全负责人至主要负责人责任。协调监管不力的，还应当追究综合协调或监管部门负责人责任。",
        "In any of the following circumstances, Party committees (Party groups) shall trace back level by level and hold accountable the party concerned, the cybersecurity person in charge, up to the main person in charge; where coordination or supervision was ineffective, the head of the comprehensive coordination or supervision department too.");

    /// <summary>Evaluates every circumstance: those with facts on their facts, the rest as not met for want of facts.</summary>
    public static Article8Evaluation Of(IEnumerable<CircumstanceFacts> facts, IEnumerable<Article3Duty>? dutiesFailed = null)
    {
        var byCircumstance = facts.GroupBy(f => f.Circumstance).ToList();
        if (byCircumstance.FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            var provision = twice.Key.Provision().Split(" / ", 2);
            throw new DomainException($"{provision[0]}情形的事实被重复记录，请只记录一次。",
                $"Facts for circumstance {twice.Key.Provision()} are recorded twice; record them once.");
        }
        var evaluations = Enum.GetValues<Circumstance>()
            .Select(c => byCircumstance.FirstOrDefault(g => g.Key == c)?.Single().Evaluate() ?? CircumstanceEvaluation.NoFacts(c))
            .ToList();
        var duties = (dutiesFailed ?? []).Distinct().Order().ToList();
        var basis = evaluations.Any(e => e.Met) ? AccountabilityBasis.SeriousCircumstance
            : duties.Count > 0 ? AccountabilityBasis.DutyFailure
            : AccountabilityBasis.None;
        return new(evaluations, duties, basis);
    }

    public IEnumerable<Circumstance> Met => Circumstances.Where(c => c.Met).Select(c => c.Circumstance);

    public bool TraceBackMandatory => Basis == AccountabilityBasis.SeriousCircumstance;

    public BilingualText Conclusion => Basis switch
    {
        AccountabilityBasis.SeriousCircumstance => new(
            $"符合{string.Join("、", Met.Select(c => c.Provision().Split(" / ")[0]))}，应当逐级倒查。",
            $"{string.Join(", ", Met.Select(c => c.Provision().Split(" / ")[1]))} met: trace-back level by level is mandatory."),
        AccountabilityBasis.DutyFailure => new(
            $"不符合第八条第二款所列情形，但未能正确履行{string.Join("、", DutiesFailed.Select(d => d.Provision().Split(" / ")[0]))}职责，可依第八条第一款追究责任，不强制逐级倒查。",
            $"No Article 8(2) circumstance is met, but {string.Join(", ", DutiesFailed.Select(d => d.Provision().Split(" / ")[1]))} was not performed: accountability is possible under Article 8(1); trace-back is not mandatory."),
        _ => new("不符合第八条所列情形，也未认定未履行第三条职责。", "No Article 8 circumstance is met and no Article 3 duty was found failed."),
    };
}
