using FsCheck;
using FsCheck.Fluent;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;

namespace Investigation.Domain.Tests.Properties;

/// <summary>Circumstance (2) is monotonic in the length of the outage.</summary>
public class PortalParalysisProperties
{
    private static readonly DateTimeOffset Down = new(2024, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public sealed record Outage(SiteKind Site, AdministrativeLevel Level, bool Attacked, bool DisposalInTime, bool Ongoing, int Seconds, int ExtraSeconds)
    {
        public PortalParalysisFacts Facts(int extra = 0) => Ongoing
            ? new(Site, Level, Attacked, DisposalInTime, Down, null, Down.AddSeconds(Seconds + extra))
            : new(Site, Level, Attacked, DisposalInTime, Down, Down.AddSeconds(Seconds + extra), Down.AddDays(30));
    }

    private const int TwelveHours = 12 * 3600;

    /// <summary>Durations cluster around the 6-hour threshold, where the rule can go wrong.</summary>
    private static readonly Gen<int> Seconds = Gen.Frequency(
        (2, Gen.Choose(0, 2 * TwelveHours)),
        (2, Gen.Choose(6 * 3600 - 120, 6 * 3600 + 120)),
        (1, Gen.Constant(6 * 3600 - 1)),
        (1, Gen.Constant(6 * 3600)));

    private static readonly Gen<Outage> Outages =
        from site in Gen.Elements(Enum.GetValues<SiteKind>())
        from level in Gen.Elements(Enum.GetValues<AdministrativeLevel>())
        from attacked in Gen.Elements(true, false)
        from disposal in Gen.Elements(true, false)
        from ongoing in Gen.Elements(true, false)
        from seconds in Seconds
        from extra in Gen.Frequency((1, Gen.Choose(0, 5)), (3, Gen.Choose(0, TwelveHours)))
        select new Outage(site, level, attacked, disposal, ongoing, seconds, extra);

    [Fact]
    public void LongerOutage_NeverTurnsAMetCircumstanceIntoAnUnmetOne()
    {
        Prop.ForAll(Arb.From(Outages), o => !o.Facts().Evaluate().Met || o.Facts(o.ExtraSeconds).Evaluate().Met)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DurationClause_IsSatisfiedExactlyFromSixHours()
    {
        Prop.ForAll(Arb.From(Outages), o =>
            o.Facts().Evaluate().Clauses.Single(c => c.Clause.Zh == "瘫痪6小时以上").Satisfied == (o.Seconds >= 6 * 3600))
            .QuickCheckThrowOnFailure();
    }
}
