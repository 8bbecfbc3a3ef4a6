using Investigation.Benchmarks.Harness;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The full use cases through the mediator (validation, one transaction, hash-chained audit entry):
/// a case officer registers incidents; each case is accepted with a team; then the team's lead
/// investigator records the level-1 findings of every case, first one after another, then with
/// <see cref="Workers"/> requests in flight at once, as people clicking at the same moment would: their
/// reads overlap and their transactions take turns on SQLite's one writer.
/// </summary>
internal static class UseCaseScenario
{
    public const int Workers = 4;

    public static async Task<(Throughput Registrations, Throughput Completions, Throughput Concurrent)> RunAsync(BenchApp app, Sizes sizes)
    {
        var registrations = await Measure.RateAsync(sizes.Warmup, sizes.UseCaseSteps, i => app.SendAsync("caseofficer", Incident(i)));
        var completions = await Measure.RateAsync(sizes.Warmup, sizes.UseCaseSteps, await FindingsAsync(app));

        // As many cases again, untimed, for the concurrent round.
        for (var i = 0; i < sizes.Warmup + sizes.UseCaseSteps; i++) await app.SendAsync("caseofficer", Incident(sizes.Warmup + sizes.UseCaseSteps + i));
        var concurrent = await Measure.ConcurrentRateAsync(sizes.Warmup, sizes.UseCaseSteps, Workers, await FindingsAsync(app));
        return (registrations, completions, concurrent);
    }

    /// <summary>Accepts every waiting case with a team; returns a call that records the level-1 findings of the i-th case.</summary>
    private static async Task<Func<int, Task>> FindingsAsync(BenchApp app)
    {
        foreach (var task in await app.OpenTasksAsync(TaskKinds.Acceptance))
            await app.SendAsync("caseofficer", new CompleteAcceptance.Command(task, true, "investigator", ["investigator2"], null));

        var level1 = await app.OpenTasksAsync(TaskKinds.PartyConcernedFindings);
        var findings = new RecordFindings.Command[level1.Count];
        for (var i = 0; i < level1.Count; i++)
            findings[i] = new(level1[i], [new(DemoOrganisation.Person("方磊").Value, true,
                "The site's operator left a known vulnerability unpatched for three months.", ["Patch log", "Interview record"])]);
        return i => app.SendAsync("investigator", findings[i]);
    }

    private static RegisterIncident.Command Incident(int i) => new(
        DemoOrganisation.ProvincialGovernmentOffice.Value,
        $"Provincial portal defaced ({i})",
        "The home page of the provincial government portal was replaced for two hours; harmful content spread widely.",
        DateTimeOffset.UtcNow.AddDays(-1),
        new IncidentFactsInput
        {
            PortalTampering = new(SiteKind.PartyOrGovernmentPortal, AttackedAndTampered: true, HarmfulInformationSpreadWidely: true,
                ReportedInTime: false, DisposalOrganisedInTime: false),
        });
}
