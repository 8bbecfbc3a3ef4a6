using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The facts of an incident as a form or an API client sends them: one optional section per
/// circumstance of Article 8. Sections left out are circumstances the officer does not allege.
/// Inside a section every answer is nullable, so that an answer left out is refused by name
/// (<see cref="RegisterIncident.Validator"/>) instead of being read as "no" or as the first choice.
/// </summary>
public sealed record IncidentFactsInput
{
    public PortalTamperingInput? PortalTampering { get; init; }
    public PortalParalysisInput? PortalParalysis { get; init; }
    public DataLeakInput? DataLeak { get; init; }
    public CriticalInfrastructureInput? CriticalInfrastructure { get; init; }
    public ConcealmentInput? Concealment { get; init; }
    public ObstructionInput? Obstruction { get; init; }
    public OtherSeriousActInput? OtherSeriousAct { get; init; }

    public sealed record PortalTamperingInput(SiteKind? Site, bool? AttackedAndTampered, bool? HarmfulInformationSpreadWidely, bool? ReportedInTime,
        bool? DisposalOrganisedInTime)
    {
        public static PortalTamperingInput From(PortalTamperingFacts f) =>
            new(f.Site, f.AttackedAndTampered, f.HarmfulInformationSpreadWidely, f.ReportedInTime, f.DisposalOrganisedInTime);
    }

    public sealed record PortalParalysisInput(SiteKind? Site, AdministrativeLevel? SiteLevel, bool? Attacked, bool? DisposalOrganisedInTime,
        DateTimeOffset? DownAt, DateTimeOffset? RestoredAt = null);

    public sealed record DataLeakInput(bool? StateSecretsLeaked, bool? LargeScalePersonalInformationLeaked, bool? LargeAmountOfNationalBasicDataLeaked,
        long? PersonalRecordsLeaked = null)
    {
        public static DataLeakInput From(DataLeakFacts f) =>
            new(f.StateSecretsLeaked, f.LargeScalePersonalInformationLeaked, f.LargeAmountOfNationalBasicDataLeaked, f.PersonalRecordsLeaked);
    }

    public sealed record CriticalInfrastructureInput(bool? IsCriticalInformationInfrastructure, bool? Attacked, bool? HandledInTime,
        bool? LargeScaleImpactOnPublic, bool? MajorEconomicLoss, bool? SeriousAdverseSocialImpact)
    {
        public static CriticalInfrastructureInput From(CriticalInfrastructureFacts f) =>
            new(f.IsCriticalInformationInfrastructure, f.Attacked, f.HandledInTime, f.LargeScaleImpactOnPublic, f.MajorEconomicLoss, f.SeriousAdverseSocialImpact);
    }

    public sealed record ConcealmentInput(bool? BlockedOrConcealed, bool? RefusedToCooperate, bool? NotifiedProblemsNotRectifiedInTime, bool? SeriousConsequences)
    {
        public static ConcealmentInput From(ConcealmentFacts f) =>
            new(f.BlockedOrConcealed, f.RefusedToCooperate, f.NotifiedProblemsNotRectifiedInTime, f.SeriousConsequences);
    }

    public sealed record ObstructionInput(bool? ObstructedSecurityOrgans, bool? RefusedSupport)
    {
        public static ObstructionInput From(ObstructionFacts f) => new(f.ObstructedSecurityOrgans, f.RefusedSupport);
    }

    public sealed record OtherSeriousActInput(string? Description, bool? SeriouslyEndangersCybersecurity);

    /// <summary>Whether any circumstance is alleged (checked without building the facts, which validate themselves).</summary>
    public bool AllegesAny => PortalTampering is not null || PortalParalysis is not null || DataLeak is not null
        || CriticalInfrastructure is not null || Concealment is not null || Obstruction is not null || OtherSeriousAct is not null;

    /// <summary>The domain's facts, once validated (every answer given); an outage not yet restored is measured up to <paramref name="now"/>.</summary>
    public IEnumerable<CircumstanceFacts> ToFacts(DateTimeOffset now)
    {
        if (PortalTampering is { } a)
            yield return new PortalTamperingFacts(a.Site!.Value, a.AttackedAndTampered!.Value, a.HarmfulInformationSpreadWidely!.Value, a.ReportedInTime!.Value,
                a.DisposalOrganisedInTime!.Value);
        if (PortalParalysis is { } p)
            yield return new PortalParalysisFacts(p.Site!.Value, p.SiteLevel!.Value, p.Attacked!.Value, p.DisposalOrganisedInTime!.Value, p.DownAt!.Value, p.RestoredAt, now);
        if (DataLeak is { } d)
            yield return new DataLeakFacts(d.StateSecretsLeaked!.Value, d.LargeScalePersonalInformationLeaked!.Value, d.LargeAmountOfNationalBasicDataLeaked!.Value,
                d.PersonalRecordsLeaked);
        if (CriticalInfrastructure is { } c)
            yield return new CriticalInfrastructureFacts(c.IsCriticalInformationInfrastructure!.Value, c.Attacked!.Value, c.HandledInTime!.Value,
                c.LargeScaleImpactOnPublic!.Value, c.MajorEconomicLoss!.Value, c.SeriousAdverseSocialImpact!.Value);
        if (Concealment is { } k)
            yield return new ConcealmentFacts(k.BlockedOrConcealed!.Value, k.RefusedToCooperate!.Value, k.NotifiedProblemsNotRectifiedInTime!.Value, k.SeriousConsequences!.Value);
        if (Obstruction is { } o) yield return new ObstructionFacts(o.ObstructedSecurityOrgans!.Value, o.RefusedSupport!.Value);
        if (OtherSeriousAct is { } x) yield return new OtherSeriousActFacts(x.Description!, x.SeriouslyEndangersCybersecurity!.Value);
    }
}
