namespace Investigation.Domain.Incidents;

/// <summary>One clause of a circumstance, whether the facts satisfy it, and why.</summary>
public sealed record ClauseResult(BilingualText Clause, bool Satisfied, BilingualText Reason);

/// <summary>Whether one circumstance of Article 8 is met, clause by clause.</summary>
public sealed record CircumstanceEvaluation(Circumstance Circumstance, bool Met, IReadOnlyList<ClauseResult> Clauses, Citation Citation)
{
    public static CircumstanceEvaluation AllOf(Circumstance c, params ClauseResult[] clauses) =>
        new(c, clauses.All(x => x.Satisfied), clauses, c.Citation());

    public static CircumstanceEvaluation NoFacts(Circumstance c) => new(c, false,
        [new(new("事实", "facts"), false, new("未登记该情形的事实。", "No facts are recorded for this circumstance."))],
        c.Citation());

    public BilingualText Summary => Met
        ? new($"符合{Circumstance.Provision()}所列情形。", $"Circumstance {Circumstance.Provision()} is met.")
        : new($"不符合{Circumstance.Provision()}所列情形：{string.Join("；", Clauses.Where(x => !x.Satisfied).Select(x => x.Reason.Zh))}",
            $"Circumstance {Circumstance.Provision()} is not met: {string.Join("; ", Clauses.Where(x => !x.Satisfied).Select(x => x.Reason.En))}");
}

internal static class Clause
{
    public static ClauseResult Of(string zh, string en, bool satisfied, string whyYesZh, string whyYesEn, string whyNoZh, string whyNoEn) =>
        new(new(zh, en), satisfied, satisfied ? new(whyYesZh, whyYesEn) : new(whyNoZh, whyNoEn));
}
