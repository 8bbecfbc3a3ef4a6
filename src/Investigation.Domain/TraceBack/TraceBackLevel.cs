namespace Investigation.Domain.TraceBack;

/// <summary>The levels of 逐级倒查, from the party concerned upward (Article 8, second paragraph).</summary>
public enum TraceBackLevel
{
    PartyConcerned = 1,
    SecurityLead = 2,
    MainLead = 3,
    /// <summary>Traced only where coordination or supervision was found ineffective (协调监管不力).</summary>
    CoordinatingSupervisingHead = 4,
}

public enum LevelStatus
{
    /// <summary>Not yet investigated (waiting for the level below, or for the coordination assessment).</summary>
    Pending,
    /// <summary>Findings are being recorded.</summary>
    Open,
    Done,
    /// <summary>Coordination and supervision were found effective: nobody is traced at this level.</summary>
    NotApplicable,
}

public static class TraceBackLevelText
{
    public static BilingualText Name(this TraceBackLevel level) => level switch
    {
        TraceBackLevel.PartyConcerned => new("当事人", "party concerned"),
        TraceBackLevel.SecurityLead => new("网络安全负责人", "cybersecurity person in charge"),
        TraceBackLevel.MainLead => new("主要负责人", "main person in charge"),
        TraceBackLevel.CoordinatingSupervisingHead => new("综合协调或监管部门负责人", "head of the coordinating or supervising department"),
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}
