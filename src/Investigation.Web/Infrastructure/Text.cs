using System.Globalization;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Both languages side by side where the text is used: <c>@T("收件箱", "Inbox")</c>. Obvious to
/// read and to keep in step, with no resource files to hunt through.
/// </summary>
public static class Text
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string T(string zh, string en) => IsChinese ? zh : en;

    public static string T(Investigation.Domain.BilingualText text) => IsChinese ? text.Zh : text.En;

    /// <summary>What a refused command tells the person, in their language; the exception's Message (both, or English) is for logs.</summary>
    public static string T(Exception refusal) => refusal switch
    {
        Investigation.Domain.DomainException d => T(d.Text),
        Investigation.Workflows.Messages.ConflictException c => T(c.Text),
        Investigation.Workflows.Messages.ForbiddenException f => T(f.Text),
        Investigation.Workflows.Messages.NotFoundException n => T(n.Text),
        _ => refusal.Message,
    };

    /// <summary>A date and time in the user's culture and in China Standard Time, the zone these cases happen in.</summary>
    public static string When(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, ChinaTime).ToString("g", CultureInfo.CurrentCulture) : "";

    /// <summary>A time a person entered (a datetime-local field) as China Standard Time.</summary>
    public static DateTimeOffset InChina(DateTime local)
    {
        var offset = ChinaTime.GetUtcOffset(local);
        // At the very ends of the calendar (0001-01-01 typed or sent) China time has no UTC instant: kept as entered, for the validators to refuse by name.
        if (local.Ticks - offset.Ticks < DateTime.MinValue.Ticks || local.Ticks - offset.Ticks > DateTime.MaxValue.Ticks) offset = TimeSpan.Zero;
        return new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    /// <summary>A moment as a datetime-local field shows it: the clock time in China.</summary>
    public static DateTime ChinaTimeOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ChinaTime).DateTime;

    public static string Day(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? "";

    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
