using Investigation.Workflows.Data;
using MediatR;

namespace Investigation.Workflows.Pipeline;

/// <summary>A command that changes the organisation tree (units, people, leadership teams).</summary>
public interface IChangesOrganisation
{
}

/// <summary>
/// The one place the cached organisation tree is refreshed: after a command marked
/// <see cref="IChangesOrganisation"/> has committed. Dropping the cache before the commit would let a
/// concurrent request cache the old tree again. A cluster's cross-node refresh belongs here too.
/// </summary>
public sealed class OrganisationChangeBehavior<TRequest, TResponse>(OrganisationStore organisation) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IChangesOrganisation) return await next();
        try { return await next(); }
        finally
        {
            // Also after a failure: a rolled-back change leaves the rows as they were, and reloading them is harmless.
            organisation.Invalidate();
        }
    }
}
