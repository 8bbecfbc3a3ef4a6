using System.Text.Json;
using System.Text.Json.Serialization;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// One year of the calendar as an administrator keeps it, in a file such as calendar/cn-2026.json:
/// the public holidays (放假) and the weekend days that are worked instead (调休上班), as the State
/// Council announces them for the year.
/// </summary>
public sealed record CalendarYear(
    int Year,
    bool Provisional,
    string? Source,
    IReadOnlyList<CalendarYear.Holiday> Holidays,
    IReadOnlyList<CalendarYear.WorkingDay> WorkingDays)
{
    public sealed record Holiday(string Name, DateOnly From, DateOnly To);

    public sealed record WorkingDay(DateOnly Date, string Name);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Reads and checks a calendar file; a mistake in it is reported with the file's name, not guessed around.</summary>
    public static CalendarYear Parse(string json, string source)
    {
        var year = JsonSerializer.Deserialize<CalendarYear>(json, Json)
            ?? throw new InvalidDataException($"{source} is empty.");
        var errors = new List<string>();
        foreach (var h in year.Holidays ?? [])
        {
            if (h.To < h.From) errors.Add($"holiday '{h.Name}' ends ({h.To:yyyy-MM-dd}) before it starts ({h.From:yyyy-MM-dd})");
            if (h.From.Year != year.Year && h.To.Year != year.Year) errors.Add($"holiday '{h.Name}' is not in {year.Year}");
        }
        foreach (var w in year.WorkingDays ?? [])
            if (w.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                errors.Add($"{w.Date:yyyy-MM-dd} ('{w.Name}') is a weekday; only weekend days can be adjusted working days");
        if (errors.Count > 0) throw new InvalidDataException($"{source}: {string.Join("; ", errors)}.");
        return year with { Holidays = year.Holidays ?? [], WorkingDays = year.WorkingDays ?? [] };
    }
}

/// <summary>
/// Which days are working days in China: Monday to Friday, except the public holidays, plus the
/// weekend days worked in exchange (调休). Days are days of China Standard Time (or the configured
/// zone), so that a deadline counted in working days ends where the people subject to it think it does.
/// A year with no file counts weekends only, and says so in <see cref="MissingYears"/>.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<int, CalendarYear> years;
    private readonly HashSet<DateOnly> holidays = [];
    private readonly HashSet<DateOnly> workedWeekendDays = [];

    public BusinessCalendar(IEnumerable<CalendarYear> years, TimeZoneInfo zone)
    {
        Zone = zone;
        this.years = [];
        foreach (var year in years)
        {
            if (!this.years.TryAdd(year.Year, year)) throw new InvalidDataException($"The calendar has two files for {year.Year}.");
            foreach (var h in year.Holidays)
                for (var d = h.From; d <= h.To; d = d.AddDays(1)) holidays.Add(d);
            foreach (var w in year.WorkingDays) workedWeekendDays.Add(w.Date);
        }
    }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyCollection<CalendarYear> Years => years.Values;

    /// <summary>Reads every *.json file of the folder.</summary>
    public static BusinessCalendar Load(string folder, TimeZoneInfo zone)
    {
        if (!Directory.Exists(folder)) return new([], zone);
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal);
        return new(files.Select(f => CalendarYear.Parse(File.ReadAllText(f), Path.GetFileName(f))), zone);
    }

    /// <summary>Years the calendar was asked about but has no file for (weekends only were counted).</summary>
    public IReadOnlyCollection<int> MissingYears => missing.Keys.ToList();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> missing = new();

    public bool IsProvisional(int year) => years.TryGetValue(year, out var y) && y.Provisional;

    public bool IsWorkingDay(DateOnly day)
    {
        if (!years.ContainsKey(day.Year)) missing.TryAdd(day.Year, true);
        if (holidays.Contains(day)) return false;
        if (workedWeekendDays.Contains(day)) return true;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The moment when <paramref name="workingTime"/> has passed on a clock that runs only on working
    /// days (24 hours each). From a working day at 10:00, one working day later is the next working
    /// day at 10:00; from a holiday, the clock starts at midnight of the next working day.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        var local = TimeZoneInfo.ConvertTime(from, Zone).DateTime;
        var remaining = workingTime;
        for (var guard = 0; guard < 20_000; guard++)
        {
            var midnight = local.Date.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(local)))
            {
                var left = midnight - local;
                if (remaining <= left) return ToInstant(local + remaining);
                remaining -= left;
            }
            local = midnight;
        }
        throw new InvalidOperationException($"No working days found within {20_000} days of {from:u}: check the calendar files.");
    }

    /// <summary>How much working-day time lies between two moments (zero if <paramref name="to"/> is earlier).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var local = TimeZoneInfo.ConvertTime(from, Zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(to, Zone).DateTime;
        var total = TimeSpan.Zero;
        while (local < end)
        {
            var next = local.Date.AddDays(1) < end ? local.Date.AddDays(1) : end;
            if (IsWorkingDay(DateOnly.FromDateTime(local))) total += next - local;
            local = next;
        }
        return total;
    }

    private DateTimeOffset ToInstant(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local)).ToUniversalTime();
}
