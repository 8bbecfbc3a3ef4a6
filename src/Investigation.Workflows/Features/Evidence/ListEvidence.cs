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
            var files = await FilesOf(db, record.Id).ToListAsync(ct);
            var comments = await CommentsOf(db, record.Id).ToListAsync(ct);
            return new(files, comments);
        }

        // Compiled once (docs/architecture.md, "Compiled queries"): the case page reads them on every view.
        private static readonly Func<InvestigationDbContext, Guid, IAsyncEnumerable<EvidenceFile>> FilesOf = EF.CompileAsyncQuery<InvestigationDbContext, Guid, EvidenceFile>(
            (InvestigationDbContext db, Guid caseId) => db.Set<EvidenceFile>().AsNoTracking().Where(f => f.CaseId == caseId).OrderBy(f => f.UploadedAt));
        private static readonly Func<InvestigationDbContext, Guid, IAsyncEnumerable<CaseComment>> CommentsOf = EF.CompileAsyncQuery<InvestigationDbContext, Guid, CaseComment>(
            (InvestigationDbContext db, Guid caseId) => db.Set<CaseComment>().AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.At));
    }
}
