using Investigation.Benchmarks.Harness;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The inbox of an investigator of the province (who sees every unit), through the mediator and the
/// real GetInbox handler, first page, one call after another, on a tasks table of the given size.
/// </summary>
internal static class InboxScenario
{
    /// <summary>Open tasks in the table, at every size: work in progress does not grow with history.</summary>
    public const int OpenTasks = 200;

    public static async Task<Latency> RunAsync(Sizes sizes, int tasks)
    {
        await using var app = await BenchApp.CreateAsync("FULL"); // reads only: the synchronous level does not matter
        await TaskFill.FillAsync(app, tasks, OpenTasks);
        var query = new GetInbox.Query();
        var first = await app.SendAsync("investigator", query);
        var label = Sizes.Label(tasks);
        Report.Note($"inbox at {tasks} tasks ({OpenTasks} open): the investigator sees {first.Total} tasks, {first.Overdue} overdue, page of {first.Items.Count}");
        if (first.Items.Any(i => i.CaseNumber.Length == 0))
            throw new InvalidOperationException("Inbox rows came back without their case: the fill does not match the schema.");
        var latency = await Measure.LatencyAsync(sizes.Warmup, sizes.InboxCalls, () => app.SendAsync("investigator", query));
        Report.Ms($"inbox_{label}_p50_ms", latency.P50);
        Report.Ms($"inbox_{label}_p99_ms", latency.P99);
        Report.Ms($"inbox_{label}_cpu_ms", latency.CpuMs);
        return latency;
    }
}
