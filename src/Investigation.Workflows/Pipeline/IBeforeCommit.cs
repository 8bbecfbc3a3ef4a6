namespace Investigation.Workflows.Pipeline;

/// <summary>
/// Work that belongs in a command's transaction after its handler ran and before the audit entry is
/// appended (for example telling people of the tasks the step created). Registered as scoped
/// services; the transaction behaviour runs each, in registration order.
/// </summary>
public interface IBeforeCommit
{
    Task BeforeCommitAsync(CancellationToken ct);
}
