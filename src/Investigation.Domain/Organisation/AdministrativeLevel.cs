namespace Investigation.Domain.Organisation;

/// <summary>The administrative level of a unit. Numeric order is rank: a higher value is a higher level.</summary>
public enum AdministrativeLevel
{
    Township = 1,
    County = 2,
    Prefecture = 3,
    Provincial = 4,
    Central = 5,
}

public static class AdministrativeLevelExtensions
{
    /// <summary>"X级以上" includes X itself, as Chinese legal drafting reads 以上.</summary>
    public static bool IsAtOrAbove(this AdministrativeLevel level, AdministrativeLevel threshold) => level >= threshold;

    public static BilingualText Name(this AdministrativeLevel level) => level switch
    {
        AdministrativeLevel.Township => new("乡镇级", "township"),
        AdministrativeLevel.County => new("县级", "county"),
        AdministrativeLevel.Prefecture => new("地市级", "prefecture"),
        AdministrativeLevel.Provincial => new("省级", "provincial"),
        AdministrativeLevel.Central => new("中央", "central"),
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}
