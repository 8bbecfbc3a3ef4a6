using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using MediatR;

namespace Investigation.Workflows.Features.Audit;

/// <summary>Walks the whole audit record and says whether it is intact, and if not, where it first breaks.</summary>
public static class VerifyAuditChain
{
    public sealed record Query : IRequest<AuditVerification>;

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, AuditVerification>
    {
        public Task<AuditVerification> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Auditor, Roles.Administrator);
            return AuditChain.VerifyAsync(db, ct);
        }
    }
}
