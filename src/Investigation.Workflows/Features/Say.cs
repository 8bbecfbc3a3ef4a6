using System.Globalization;
using FluentValidation;
using Investigation.Domain;

namespace Investigation.Workflows.Features;

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

    /// <summary>A refusal of one field, found by a handler after the validators ran.</summary>
    public static ValidationException Invalid(string field, string zh, string en) => new([new(field, T(zh, en))]);
}
