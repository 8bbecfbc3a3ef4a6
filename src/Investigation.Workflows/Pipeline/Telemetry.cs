using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Investigation.Workflows.Pipeline;

/// <summary>
/// The application's own traces and metrics (System.Diagnostics, read by OpenTelemetry when the web host
/// exports): one span per workflow step (command), its outcome, and the deadline timers fired.
/// </summary>
public static class Telemetry
{
    public const string Name = "Investigation";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Commands (workflow steps and other writes) by name and outcome: committed, conflict, refused, failed.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("investigation.commands", description: "Commands (workflow steps) by name and outcome");

    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("investigation.command.duration", unit: "s", description: "Time of a command, its transaction included");

    /// <summary>Deadline timers fired (reminders, overdue marks, escalations, outage watches).</summary>
    public static readonly Counter<long> TimersFired = Meter.CreateCounter<long>("investigation.deadline.timers_fired", description: "Deadline timers fired");
}
