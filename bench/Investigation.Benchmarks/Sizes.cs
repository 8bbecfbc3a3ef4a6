using System.Globalization;

namespace Investigation.Benchmarks;

/// <summary>How many calls each scenario makes. Use-case scenarios register warm-up + steps cases in one
/// database, and case numbers have four digits a year, so that sum stays under 9,999.</summary>
internal sealed record Sizes(string Mode, int Warmup, int RawInserts, int RuntimeSteps, int UseCaseSteps, int InboxLarge, int InboxCalls)
{
    public static readonly Sizes Full = new("full", 200, 5_000, 3_000, 1_500, 1_000_000, 3_000);
    public static readonly Sizes Quick = new("quick", 100, 1_000, 500, 300, 100_000, 1_000);

    /// <summary>An untimed first round, so that JIT tiering and EF Core's first-use costs do not land on whatever is measured first.</summary>
    public static readonly Sizes WarmUpRound = new("warm-up", 50, 0, 500, 300, 0, 0);

    public static string Label(int tasks) => tasks switch
    {
        >= 1_000_000 when tasks % 1_000_000 == 0 => $"{tasks / 1_000_000}m",
        >= 1_000 when tasks % 1_000 == 0 => $"{tasks / 1_000}k",
        _ => tasks.ToString(CultureInfo.InvariantCulture),
    };
}
