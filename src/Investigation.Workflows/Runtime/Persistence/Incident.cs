namespace Investigation.Workflows.Runtime.Persistence;

/// <summary>An activity that threw: what an administrator sees before retrying the instance.</summary>
public sealed class Incident
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string Message { get; set; } = "";

    /// <summary>The full exception text.</summary>
    public string Detail { get; set; } = "";

    public DateTimeOffset At { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
