namespace Investigation.Workflows.Runtime;

/// <summary>What the inbox row of a human task says: who may do it, where, by when.</summary>
public sealed record HumanTaskSpec(string Kind, string Title, string CandidateRole, string UnitId)
{
    public string? AssigneeId { get; init; }
    public int Priority { get; init; }
    public DateTimeOffset? DueAt { get; init; }
}
