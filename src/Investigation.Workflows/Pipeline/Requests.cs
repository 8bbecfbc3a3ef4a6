using MediatR;

namespace Investigation.Workflows.Pipeline;

/// <summary>
/// A request that changes state. It runs in one transaction that also appends an audit entry;
/// requests that only read do not implement it.
/// </summary>
public interface ICommand<out TResponse> : IRequest<TResponse>
{
}

/// <summary>What the handler tells the audit entry about the step it took.</summary>
public sealed class AuditScope
{
    public Guid? CaseId { get; set; }
    /// <summary>A short description of what happened, in addition to the command's own data.</summary>
    public string? Detail { get; set; }
}
