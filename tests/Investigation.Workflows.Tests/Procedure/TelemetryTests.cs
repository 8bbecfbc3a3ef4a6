using System.Diagnostics;
using System.Diagnostics.Metrics;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Support;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>Each command is a span of the "Investigation" source and a count by outcome, which OpenTelemetry exports when configured.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Commands_AreSpansUnderTheCaller_WithTheirOutcome_AndCounted()
    {
        using var test = new ActivitySource("Investigation.Tests");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is Telemetry.Name or "Investigation.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var counted = new List<(string Command, string Outcome)>();
        using var meters = new MeterListener();
        // By name: comparing with Telemetry.Commands here could run Telemetry's initialiser inside this callback.
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "investigation.commands") l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var d = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            lock (counted) counted.Add((d["command"]!, d["outcome"]!));
        });
        meters.Start();

        string rootTrace;
        using (var root = test.StartActivity("test")!)
        {
            rootTrace = root.TraceId.ToString();
            var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
            await app.Script.AcceptAsync(id);
            var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
            await app.SendAs("investigator", new ClaimTask.Command(task));
            await Assert.ThrowsAsync<ConflictException>(() => app.SendAs("investigator2", new ClaimTask.Command(task)));
            // Another unit's user: the task is not theirs to see.
            await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("investigator-anping", new ClaimTask.Command(task)));
        }

        List<Activity> mine;
        lock (spans) mine = spans.Where(a => a.Source.Name == Telemetry.Name && a.TraceId.ToString() == rootTrace).ToList();
        Assert.Contains(mine, a => a.OperationName == "RegisterIncident" && (string?)a.GetTagItem("investigation.outcome") == "committed");
        Assert.Contains(mine, a => a.OperationName == "ClaimTask" && (string?)a.GetTagItem("investigation.outcome") == "conflict");
        Assert.Contains(mine, a => a.OperationName == "ClaimTask" && (string?)a.GetTagItem("investigation.outcome") == "refused");
        lock (counted)
        {
            Assert.Contains(("RegisterIncident", "committed"), counted);
            Assert.Contains(("ClaimTask", "conflict"), counted);
            Assert.Contains(("ClaimTask", "refused"), counted);
        }
    }
}
