using System.Security.Cryptography;
using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Evidence;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Features.Evidence;

/// <summary>
/// A case officer or investigator adds a file of evidence to a case, or to one trace-back level's
/// findings. Type and size are limited; its SHA-256 goes on the file's row and on the audit entry
/// (the bytes themselves do not: the audit record stays small and the hash proves them).
/// </summary>
public static class UploadEvidence
{
    public sealed record Command(Guid CaseId, TraceBackLevel? Level, string FileName,
        [property: JsonIgnore] byte[] Content) : ICommand<Result>
    {
        public long Size => Content.LongLength;
    }

    public sealed record Result(Guid FileId, string Sha256);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<EvidenceOptions> options)
        {
            RuleFor(c => c.FileName).NotEmpty().WithMessage("请选择要上传的文件。", "Choose a file to upload.").MaximumLength(255);
            RuleFor(c => c.FileName).Must(n => EvidenceOptions.Types.ContainsKey(Path.GetExtension(n ?? "")))
                .When(c => !string.IsNullOrEmpty(c.FileName))
                .WithMessage("不支持此类文件：可上传文档、图片、PDF、日志和压缩包（pdf、png、jpg、gif、webp、txt、log、csv、json、xml、doc、docx、xls、xlsx、zip、7z、gz、tar、rar）。",
                    "This kind of file is not accepted: documents, images, PDFs, logs and archives are (pdf, png, jpg, gif, webp, txt, log, csv, json, xml, doc, docx, xls, xlsx, zip, 7z, gz, tar, rar).");
            RuleFor(c => c.Content).Must(c => c is { Length: > 0 }).WithMessage("文件是空的。", "The file is empty.");
            RuleFor(c => c.Content).Must(c => c is null || c.LongLength <= options.Value.MaxBytes)
                .WithMessage($"文件不能大于 {options.Value.MaxBytes / 1024 / 1024} MB。", $"The file cannot be larger than {options.Value.MaxBytes / 1024 / 1024} MB.");
            RuleFor(c => c.Level).IsInEnum();
        }
    }

    public sealed class Handler(Access access, EvidenceStore store, AuditScope audit, TimeProvider clock, InvestigationDbContext db)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var record = await access.CaseAsync(command.CaseId, ct, tracking: false);
            access.RequireRole(Roles.CaseOfficer, Roles.Investigator);
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var sha = Convert.ToHexStringLower(SHA256.HashData(command.Content));
            var name = Path.GetFileName(command.FileName.Trim());
            await store.SaveAsync(id, command.Content, ct);
            db.Set<EvidenceFile>().Add(new EvidenceFile
            {
                Id = id, CaseId = record.Id, Level = command.Level, FileName = name,
                ContentType = EvidenceOptions.Types[Path.GetExtension(name)], Size = command.Content.LongLength,
                Sha256 = sha, UploadedBy = access.Actor.UserName, UploadedAt = now, Store = store.Kind,
            });
            audit.CaseId = record.Id;
            audit.Detail = $"file {id} \"{name}\" {command.Content.LongLength} bytes sha256 {sha}";
            return new(id, sha);
        }
    }
}
