using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Deadlines;

/// <summary>What a deadline timer does when its moment comes.</summary>
public enum DeadlineEffect
{
    /// <summary>Remind the people who do the task.</summary>
    Reminder,
    /// <summary>Mark the task overdue and tell its supervisors.</summary>
    Due,
    /// <summary>Still overdue after the grace period: tell the supervisors one unit up.</summary>
    SecondEscalation,
}

/// <summary>
/// A task's deadlines are side bookmarks of its activity (name "Deadline", key "{task}:{effect}",
/// with ResumeAt): written in the step that creates the task, so no crash can leave a task without
/// them, removed by the runtime when the task's activity completes, and each consumed in the
/// transaction that applies its effect, so the effect happens once.
/// </summary>
public static class DeadlineBookmarks
{
    public const string Name = "Deadline";

    public static string Key(Guid taskId, DeadlineEffect effect) => $"{taskId}:{effect}";

    public static (Guid TaskId, DeadlineEffect Effect) Parse(string key)
    {
        var colon = key.LastIndexOf(':');
        if (colon < 0 || !Guid.TryParse(key.AsSpan(0, colon), out var taskId) || !Enum.TryParse<DeadlineEffect>(key.AsSpan(colon + 1), out var effect))
            throw new FormatException($"'{key}' is not a deadline bookmark key (task:effect).");
        return (taskId, effect);
    }

    /// <summary>The moments of a plan, in the order they come; the second escalation only if there is a grace period.</summary>
    public static IEnumerable<(DeadlineEffect Effect, DateTimeOffset At)> Moments(DeadlinePlan plan)
    {
        yield return (DeadlineEffect.Reminder, plan.ReminderAt);
        yield return (DeadlineEffect.Due, plan.DueAt);
        if (plan.SecondEscalationAt is { } second) yield return (DeadlineEffect.SecondEscalation, second);
    }

    /// <summary>Creates the timers of a task just created by the running activity.</summary>
    public static void Create(ActivityContext context, Guid taskId, DeadlinePlan plan)
    {
        foreach (var (effect, at) in Moments(plan))
            context.CreateBookmark(Name, Key(taskId, effect), at, blocking: false);
    }

    /// <summary>
    /// Replaces the timers of an open task with those of a new plan, outside a step of its activity
    /// (a changed due date): moments still to come get a timer (again, if one already fired), moments
    /// already past get none. The caller bumps the instance's version, so a timer firing at the same
    /// moment conflicts instead of acting on the old plan.
    /// </summary>
    public static async Task ReplaceAsync(DbContext db, HumanTask task, DeadlinePlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"{task.Id}:";
        var existing = await db.Set<Bookmark>().Where(b => b.Name == Name && b.InstanceId == task.InstanceId && b.Key.StartsWith(prefix)).ToListAsync(ct);
        foreach (var (effect, moment) in Moments(plan))
        {
            var key = Key(task.Id, effect);
            // A reminder whose moment the new date has already passed, and that was not sent, goes now.
            var at = effect == DeadlineEffect.Reminder && moment <= now && task.RemindedAt is null ? now : moment;
            var bookmark = existing.Find(b => b.Key == key);
            if (at < now)
            {
                if (bookmark is not null) db.Remove(bookmark);
            }
            else if (bookmark is not null) bookmark.ResumeAt = at;
            else db.Add(new Bookmark
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = task.InstanceId,
                ActivityId = task.ActivityId,
                Name = Name,
                Key = key,
                ResumeAt = at,
                CreatedAt = now,
                Blocking = false,
            });
        }
        // A plan without a second escalation (no grace period) drops an old one.
        foreach (var stale in existing.Where(b => !Moments(plan).Any(m => Key(task.Id, m.Effect) == b.Key)))
            db.Remove(stale);
    }
}
