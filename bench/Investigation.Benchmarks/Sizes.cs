namespace Investigation.Benchmarks;

/// <summary>How much each scenario does: a full run, or a quick one (a tenth of the large inbox).</summary>
internal sealed record Sizes(bool Quick)
{
    public int Warmup => Quick ? 100 : 200;
    public int RawInserts => Quick ? 1_000 : 5_000;
    public int RuntimeSteps => Quick ? 500 : 3_000;
    /// <summary>Cases registered per database: case numbers have four digits a year, so keep warm-up plus this under 9,999.</summary>
    public int UseCaseSteps => Quick ? 300 : 1_500;
    public int InboxLarge => Quick ? 100_000 : 1_000_000;
    public int InboxCalls => Quick ? 1_000 : 3_000;

    public static string Label(int tasks) => tasks switch
    {
        >= 1_000_000 when tasks % 1_000_000 == 0 => $"{tasks / 1_000_000}m",
        >= 1_000 when tasks % 1_000 == 0 => $"{tasks / 1_000}k",
        _ => tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
