using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Deadlines;

/// <summary>The moments a task's time limit sets: the reminder, the due time (overdue, first escalation) and the second escalation.</summary>
public sealed record DeadlinePlan(DateTimeOffset ReminderAt, DateTimeOffset DueAt, DateTimeOffset? SecondEscalationAt, DayCounting Counting, int Days);

/// <summary>
/// Turns the configured time limits (<see cref="TaskDeadlines"/>) into moments, counting calendar
/// days or working days by the business calendar. The calendar files are read once, on first use.
/// </summary>
public sealed class DeadlinePolicy(IOptions<TaskDeadlines> options, ILogger<DeadlinePolicy> logger)
{
    private readonly Lazy<BusinessCalendar> calendar = new(() => LoadCalendar(options.Value, logger));

    public TaskDeadlines Options => options.Value;

    public BusinessCalendar Calendar => calendar.Value;

    /// <summary>The plan of a task of this kind created at <paramref name="createdAt"/>.</summary>
    /// <exception cref="InvalidOperationException">The configuration for the kind is unusable (see <see cref="TaskDeadlines.Validate"/>).</exception>
    public DeadlinePlan PlanFor(string kind, DateTimeOffset createdAt)
    {
        var o = options.Value;
        o.Validate(kind);
        var days = o.DaysFor(kind);
        var counting = o.CountingFor(kind);
        var due = Add(counting, createdAt, TimeSpan.FromDays(days));
        return new(Add(counting, createdAt, TimeSpan.FromDays(days * o.ReminderAt)), due, SecondEscalation(kind, due), counting, days);
    }

    /// <summary>
    /// The plan after a due date was changed: the reminder at the same share of the (new) allowed time
    /// since the task was created, the second escalation the grace period after the new due time.
    /// </summary>
    public DeadlinePlan ReplanFor(string kind, DateTimeOffset createdAt, DateTimeOffset newDueAt)
    {
        var o = options.Value;
        o.Validate(kind);
        var counting = o.CountingFor(kind);
        var allowed = counting == DayCounting.WorkingDays ? Calendar.WorkingTimeBetween(createdAt, newDueAt) : newDueAt - createdAt;
        if (allowed < TimeSpan.Zero) allowed = TimeSpan.Zero;
        var reminder = Add(counting, createdAt, allowed * o.ReminderAt);
        return new(reminder < newDueAt ? reminder : newDueAt, newDueAt, SecondEscalation(kind, newDueAt), counting, o.DaysFor(kind));
    }

    private DateTimeOffset? SecondEscalation(string kind, DateTimeOffset due) =>
        options.Value.GraceDays > 0 ? Add(options.Value.CountingFor(kind), due, TimeSpan.FromDays(options.Value.GraceDays)) : null;

    private DateTimeOffset Add(DayCounting counting, DateTimeOffset from, TimeSpan time) =>
        counting == DayCounting.WorkingDays ? Calendar.AddWorkingTime(from, time) : from + time;

    private static BusinessCalendar LoadCalendar(TaskDeadlines o, ILogger logger)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        var folder = Path.IsPathRooted(o.CalendarPath) ? o.CalendarPath : Path.Combine(AppContext.BaseDirectory, o.CalendarPath);
        var calendar = BusinessCalendar.Load(folder, zone);
        if (calendar.Years.Count == 0)
            logger.LogWarning("No business calendar files in {Folder}: working days are counted as Monday to Friday, without public holidays. Set Deadlines:CalendarPath.", folder);
        foreach (var year in calendar.Years.Where(y => y.Provisional))
            logger.LogWarning("The business calendar for {Year} is provisional ({Source}): replace it with the State Council's schedule when it is published.", year.Year, year.Source);
        return calendar;
    }
}
