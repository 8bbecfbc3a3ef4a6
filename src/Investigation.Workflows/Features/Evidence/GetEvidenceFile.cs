using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Evidence;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Evidence;

/// <summary>
/// A file of evidence, for whoever may see its case; for anyone else it does not exist (404, as for a
/// missing case). The list of a case's files comes with <see cref="ListEvidence"/>.
/// </summary>
public static class GetEvidenceFile
{
    public sealed record Query(Guid CaseId, Guid FileId) : IRequest<Result>;

    public sealed record Result(string FileName, string ContentType, byte[] Content, bool Previewable);

    public sealed class Handler(InvestigationDbContext db, Access access, EvidenceStore store) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            var file = await db.Set<EvidenceFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == query.FileId && f.CaseId == record.Id, ct)
                ?? throw new NotFoundException("该证据文件", "The evidence file");
            var content = await store.ReadAsync(file, ct) ?? throw new NotFoundException("该证据文件的内容", "The evidence file's content");
            return new(file.FileName, file.ContentType, content, EvidenceOptions.Previewable(file.ContentType));
        }
    }
}
