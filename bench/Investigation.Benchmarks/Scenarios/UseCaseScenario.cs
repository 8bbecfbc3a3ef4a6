using Investigation.Benchmarks.Harness;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Investigation;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The full use cases through the mediator (validation, one transaction, hash-chained audit entry):
/// a case officer registers incidents; each case is accepted with a team; then the team's lead
/// investigator records the level-1 findings of every case.
/// </summary>
internal static class UseCaseScenario
{
    public static async Task<(Throughput Registrations, Throughput Completions)> RunAsync(BenchApp app, Sizes sizes)
    {
        var registrations = await Measure.RateAsync(sizes.Warmup, sizes.UseCaseSteps, i => app.SendAsync("caseofficer", Incident(i)));

        foreach (var task in await app.OpenTasksAsync(TaskKinds.Acceptance))
            await app.SendAsync("caseofficer", new CompleteAcceptance.Command(task, true, "investigator", ["investigator2"], null));

        var level1 = await app.OpenTasksAsync(TaskKinds.PartyConcernedFindings);
        var findings = new RecordFindings.Command[level1.Count];
        for (var i = 0; i < level1.Count; i++)
            findings[i] = new(level1[i], [new(DemoOrganisation.Person("方磊").Value, true,
                "The site's operator left a known vulnerability unpatched for three months.", ["Patch log", "Interview record"])]);
        var completions = await Measure.RateAsync(sizes.Warmup, sizes.UseCaseSteps, i => app.SendAsync("investigator", findings[i]));
        return (registrations, completions);
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
