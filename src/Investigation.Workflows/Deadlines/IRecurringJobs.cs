using Hangfire;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// Recurring work another part of the application puts on this node's scheduler when it starts (the
/// nightly audit-chain check, for one), so the scheduler knows no particular job beyond its own sweep.
/// </summary>
public interface IRecurringJobs
{
    void AddTo(IRecurringJobManager jobs, DueTimerOptions options, TimeZoneInfo zone);
}
