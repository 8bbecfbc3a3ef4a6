using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// A case officer registers an incident: the domain evaluates Article 8, the case is numbered, and
/// the investigation workflow starts with the acceptance task.
/// </summary>
public static class RegisterIncident
{
    public sealed record Command(
        Guid UnitId,
        string Title,
        string Description,
        DateTimeOffset OccurredAt,
        IncidentFactsInput Facts,
        IReadOnlyList<Article3Duty>? DutiesFailed = null,
        IReadOnlyList<string>? Evidence = null) : ICommand<Result>;

    public sealed record Result(Guid CaseId, string Number, Article8Evaluation Evaluation);

    /// <summary>第十四条: 本办法自2017年8月15日起施行.</summary>
    public static readonly DateTimeOffset MeasuresInForce = new(2017, 8, 15, 0, 0, 0, TimeSpan.FromHours(8));

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("请选择事件发生的单位。", "Choose the unit where the incident happened.");
            RuleFor(c => c.Title).NotEmpty().MaximumLength(300);
            RuleFor(c => c.Description).NotEmpty().MaximumLength(20_000);
            RuleFor(c => c.OccurredAt).LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("事件发生的时间不能晚于当前时间。", "The incident cannot have occurred in the future.")
                .GreaterThanOrEqualTo(MeasuresInForce).WithMessage("《实施办法》适用于2017年8月15日施行之日起发生的事件（第十四条）。", "The Measures apply to incidents from 15 August 2017, when they came into force (Article 14).");
            RuleFor(c => c.Facts).NotNull();
            RuleForEach(c => c.DutiesFailed).IsInEnum();
            RuleForEach(c => c.Evidence).MaximumLength(500);
            RuleFor(c => c.Facts.PortalParalysis!.RestoredAt).GreaterThanOrEqualTo(c => c.Facts.PortalParalysis!.DownAt)
                .When(c => c.Facts?.PortalParalysis?.RestoredAt is not null)
                .WithName("Facts.PortalParalysis.RestoredAt").WithMessage("恢复服务的时间不能早于中断的时间。", "Service cannot be restored before it went down.");
            RuleFor(c => c.Facts.OtherSeriousAct!.Description).NotEmpty().When(c => c.Facts?.OtherSeriousAct is not null)
                .WithName("Facts.OtherSeriousAct.Description").WithMessage("请描述该行为。", "Describe the act.");
            RuleFor(c => c).Must(c => c.Facts is null || c.Facts.AllegesAny || c.DutiesFailed is { Count: > 0 })
                .WithName("Facts").WithMessage("请至少记录一项第八条所列情形的事实，或一项未履行的第三条职责。", "Record the facts of at least one Article 8 circumstance, or an Article 3 duty that was not performed.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, CaseSession session, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.CaseOfficer);
            if (!await access.CanSeeUnitAsync(command.UnitId, ct))
                throw Say.Invalid("UnitId", "该单位不在您的管辖范围内。", "This unit is not one of yours.");
            if ((await access.OrganisationAsync(ct)).Unit(new UnitId(command.UnitId)).Retired)
                throw Say.Invalid("UnitId", "该单位已撤销，不能登记新的案件。", "This unit is retired and takes no new case.");
            var now = clock.GetUtcNow();
            var number = await NextNumberAsync(now, ct);
            var c = Case.Register(CaseId.New(), number, new UnitId(command.UnitId), command.Title, command.Description, command.OccurredAt,
                command.Facts.ToFacts(now), command.DutiesFailed ?? [], command.Evidence ?? [], access.Actor.UserName, now);
            session.Case = c;
            var record = CaseRecord.From(c, now);
            db.Cases.Add(record);
            var instance = await runtime.StartAsync(db, InvestigationWorkflow.Name,
                new Dictionary<string, object> { [nameof(InvestigationWorkflow.Input)] = new InvestigationWorkflow.Input(c.Id.Value, number, command.UnitId) },
                correlationId: c.Id.Value.ToString(), actor: access.Actor.UserName, cancellationToken: ct);
            record.WorkflowInstanceId = instance.Id;
            audit.CaseId = c.Id.Value;
            return new(c.Id.Value, number, c.Evaluation);
        }

        /// <summary>Numbers run per year: 2026-0001, 2026-0002, ... (inside the command's transaction, so no two cases share one).</summary>
        private async Task<string> NextNumberAsync(DateTimeOffset now, CancellationToken ct)
        {
            var prefix = $"{now.Year}-";
            var last = await db.Cases.Where(c => c.Number.StartsWith(prefix)).OrderByDescending(c => c.Number).Select(c => c.Number).FirstOrDefaultAsync(ct);
            var next = last is null ? 1 : int.Parse(last[prefix.Length..]) + 1;
            return $"{prefix}{next:D4}";
        }
    }
}
