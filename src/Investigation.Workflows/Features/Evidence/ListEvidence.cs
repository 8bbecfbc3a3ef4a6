using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Evidence;

/// <summary>The evidence files of a case, oldest first, with the comments of its team.</summary>
public static class ListEvidence
{
    public sealed record Query(Guid CaseId) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<EvidenceFile> Files, IReadOnlyList<CaseComment> Comments);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            var files = await db.Set<EvidenceFile>().AsNoTracking().Where(f => f.CaseId == record.Id).OrderBy(f => f.UploadedAt).ToListAsync(ct);
            var comments = await db.Set<CaseComment>().AsNoTracking().Where(c => c.CaseId == record.Id).OrderBy(c => c.At).ToListAsync(ct);
            return new(files, comments);
        }
    }
}
