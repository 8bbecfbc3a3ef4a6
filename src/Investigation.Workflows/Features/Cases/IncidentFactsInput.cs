using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The facts of an incident as a form or an API client sends them: one optional section per
/// circumstance of Article 8. Sections left out are circumstances the officer does not allege.
/// </summary>
public sealed record IncidentFactsInput
{
    public PortalTamperingFacts? PortalTampering { get; init; }
    public PortalParalysisInput? PortalParalysis { get; init; }
    public DataLeakFacts? DataLeak { get; init; }
    public CriticalInfrastructureFacts? CriticalInfrastructure { get; init; }
    public ConcealmentFacts? Concealment { get; init; }
    public ObstructionFacts? Obstruction { get; init; }
    public OtherSeriousActInput? OtherSeriousAct { get; init; }

    public sealed record PortalParalysisInput(SiteKind Site, AdministrativeLevel SiteLevel, bool Attacked, bool DisposalOrganisedInTime,
        DateTimeOffset DownAt, DateTimeOffset? RestoredAt);

    public sealed record OtherSeriousActInput(string Description, bool SeriouslyEndangersCybersecurity);

    /// <summary>Whether any circumstance is alleged (checked without building the facts, which validate themselves).</summary>
    public bool AllegesAny => PortalTampering is not null || PortalParalysis is not null || DataLeak is not null
        || CriticalInfrastructure is not null || Concealment is not null || Obstruction is not null || OtherSeriousAct is not null;

    /// <summary>The domain's facts; an outage not yet restored is measured up to <paramref name="now"/>.</summary>
    public IEnumerable<CircumstanceFacts> ToFacts(DateTimeOffset now)
    {
        if (PortalTampering is { } a) yield return a;
        if (PortalParalysis is { } p)
            yield return new PortalParalysisFacts(p.Site, p.SiteLevel, p.Attacked, p.DisposalOrganisedInTime, p.DownAt, p.RestoredAt, now);
        if (DataLeak is { } d) yield return d;
        if (CriticalInfrastructure is { } c) yield return c;
        if (Concealment is { } k) yield return k;
        if (Obstruction is { } o) yield return o;
        if (OtherSeriousAct is { } x) yield return new OtherSeriousActFacts(x.Description, x.SeriouslyEndangersCybersecurity);
    }
}
