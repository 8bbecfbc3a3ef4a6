using Investigation.Workflows.Audit;
using Investigation.Workflows.Features.Audit;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Investigation.Web.Api;

/// <summary>The audit record (Article 11): VerifyAuditChain.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit/verify", async Task<Ok<AuditVerification>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new VerifyAuditChain.Query(), ct)))
            .WithTags("Audit")
            .WithName(nameof(VerifyAuditChain))
            .WithSummary("Verify the hash-chained audit record (校验审计记录)")
            .WithDescription("Walks the whole record: intact, or where it first breaks. For auditors and administrators.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
