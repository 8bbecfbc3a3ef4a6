namespace Investigation.Domain;

/// <summary>
/// A rule of the domain was broken; the text says which, in words a user understands, in both
/// languages (the domain knows no culture: the door that answers the person picks theirs).
/// <see cref="Exception.Message"/> holds both, for logs.
/// </summary>
public sealed class DomainException(BilingualText text) : Exception(text.ToString())
{
    public DomainException(string zh, string en) : this(new BilingualText(zh, en)) { }

    public BilingualText Text { get; } = text;
}

/// <summary>Text the application shows in both of its languages. The Chinese text is authoritative.</summary>
public sealed record BilingualText(string Zh, string En)
{
    public string In(string culture) => culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;
    public override string ToString() => $"{Zh} / {En}";
}

/// <summary>A provision cited in a reason, with its words in Chinese and in English.</summary>
public sealed record Citation(string Source, string Provision, BilingualText Text)
{
    public const string Measures = "党委（党组）网络安全工作责任制实施办法 / Implementation Measures (2017)";
    public const string AccountabilityRegulations = "中国共产党问责条例 / CPC Accountability Regulations (2019)";

    public static Citation OfMeasures(string provision, string zh, string en) => new(Measures, provision, new(zh, en));
    public static Citation OfAccountabilityRegulations(string provision, string zh, string en) =>
        new(AccountabilityRegulations, provision, new(zh, en));

    public override string ToString() => $"{Provision}: {Text.Zh}";
}

internal static class Guard
{
    /// <summary>The text, trimmed; <paramref name="zh"/> and <paramref name="en"/> name what is missing if it is blank.</summary>
    public static string Text(string? value, string zh, string en) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException($"{zh}不能为空。", $"{en} is required.") : value.Trim();
}
