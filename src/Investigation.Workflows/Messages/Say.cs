using System.Globalization;
using FluentValidation;
using Investigation.Domain;

namespace Investigation.Workflows.Messages;

/// <summary>
/// Messages for the person being answered, with both languages side by side where they are written:
/// <c>.WithMessage("请选择事件发生的单位。", "Choose the unit where the incident happened.")</c>. The
/// language is the request's <see cref="CultureInfo.CurrentUICulture"/>, read when the message is
/// made (at validation time, not when the validator is built); Chinese for zh, English otherwise.
/// </summary>
public static class Say
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>The text in the language of the request being served.</summary>
    public static string T(string zh, string en) => IsChinese ? zh : en;

    public static string T(BilingualText text) => T(text.Zh, text.En);

    /// <summary>A rule's message in both languages; FluentValidation placeholders such as <c>{PropertyValue}</c> still work.</summary>
    public static IRuleBuilderOptions<TCommand, TProperty> WithMessage<TCommand, TProperty>(this IRuleBuilderOptions<TCommand, TProperty> rule, string zh, string en) =>
        rule.WithMessage(_ => T(zh, en));

    /// <summary>
    /// A value that must be given. Commands take such values as nullable, so that one left out (or sent as
    /// null) is refused by name here instead of being read as false, zero, the first choice or year 1.
    /// </summary>
    public static IRuleBuilderOptions<TCommand, TProperty> Required<TCommand, TProperty>(this IRuleBuilder<TCommand, TProperty> rule) =>
        rule.NotNull().WithMessage("缺少“{PropertyName}”：此项必须填写。", "'{PropertyName}' is missing: it is required.");

    /// <summary>A list that may not hold a missing element (a null in the JSON array).</summary>
    public static IRuleBuilderOptions<TCommand, TElement> NoMissingElement<TCommand, TElement>(this IRuleBuilderInitialCollection<TCommand, TElement> rule) =>
        rule.NotNull().WithMessage("“{PropertyName}”中有一项为空。", "An element of '{PropertyName}' is empty (null).");

    // Oblivious, as FluentValidation's own rules are: the limits apply to string and string? alike.
#nullable disable
    /// <summary>A text of at most <paramref name="max"/> characters, the limit said in the message.</summary>
    public static IRuleBuilderOptions<TCommand, string> Limit<TCommand>(this IRuleBuilder<TCommand, string> rule, int max) =>
        rule.MaximumLength(max).WithMessage($"“{{PropertyName}}”不能超过 {Count(max)} 个字符（现为 {{TotalLength}} 个）。",
            $"'{{PropertyName}}' can be at most {Count(max)} characters long (it has {{TotalLength}}).");

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A list of at most <paramref name="max"/> elements, the limit said in the message.</summary>
    public static IRuleBuilderOptions<TCommand, IReadOnlyList<TElement>> AtMost<TCommand, TElement>(this IRuleBuilder<TCommand, IReadOnlyList<TElement>> rule, int max) =>
        rule.Must(l => l is null || l.Count <= max).WithMessage($"“{{PropertyName}}”最多 {max} 项。", $"'{{PropertyName}}' can have at most {max} elements.");
#nullable restore

    /// <summary>
    /// The day something was done (delivered, received, completed, decided): not after today in China, not before the
    /// Measures took force (2017-08-15). A day of year 1 or 9999 is a slip, not a record.
    /// </summary>
    public static IRuleBuilderOptions<TCommand, DateOnly?> DoneOn<TCommand>(this IRuleBuilderOptions<TCommand, DateOnly?> rule, TimeProvider clock) =>
        rule.Must(d => d is null || d <= Domain.Accountability.TimeLimits.ChinaDate(clock.GetUtcNow()))
            .WithMessage("“{PropertyName}”不能晚于今天。", "'{PropertyName}' cannot be in the future.")
            .Must(d => d is null || d >= Domain.Accountability.TimeLimits.MeasuresInForceOn)
            .WithMessage("“{PropertyName}”不能早于《实施办法》施行之日（2017年8月15日）。", "'{PropertyName}' cannot be before the Measures came into force (15 August 2017).");

    /// <summary>The last page a list may be asked for: far past any list, and (page - 1) × size stays a number.</summary>
    public const int MaxPage = 100_000;

    /// <summary>A page of a list, from 1: a page out of range is refused by name, not turned into another page than asked.</summary>
    public static IRuleBuilderOptions<TQuery, int> PageNumber<TQuery>(this IRuleBuilder<TQuery, int> rule) =>
        rule.InclusiveBetween(1, MaxPage).WithMessage($"页码须在 1 到 {Count(MaxPage)} 之间（现为 {{PropertyValue}}）。",
            $"The page must be from 1 to {Count(MaxPage)} (it is {{PropertyValue}}).");

    /// <summary>How many rows a page holds, from 1 to <paramref name="max"/>, the limit said in the message.</summary>
    public static IRuleBuilderOptions<TQuery, int> PageSize<TQuery>(this IRuleBuilder<TQuery, int> rule, int max) =>
        rule.InclusiveBetween(1, max).WithMessage($"每页行数须在 1 到 {max} 之间（现为 {{PropertyValue}}）。",
            $"The page size must be from 1 to {max} (it is {{PropertyValue}}).");

    /// <summary>A refusal of one field, found by a handler after the validators ran.</summary>
    public static ValidationException Invalid(string field, string zh, string en) => new([new(field, T(zh, en))]);
}
