using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
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
        Guid? UnitId,
        string? Title,
        string? Description,
        DateTimeOffset? OccurredAt,
        IncidentFactsInput? Facts,
        IReadOnlyList<Article3Duty>? DutiesFailed = null,
        IReadOnlyList<string>? Evidence = null) : ICommand<Result>;

    public sealed record Result(Guid CaseId, string Number, Article8Evaluation Evaluation);

    public const int TitleLimit = 300, DescriptionLimit = 20_000, EvidenceLimit = 500, EvidenceCount = 100, ActLimit = 4_000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("请选择事件发生的单位。", "Choose the unit where the incident happened.");
            RuleFor(c => c.Title).NotEmpty().Limit(TitleLimit);
            RuleFor(c => c.Description).NotEmpty().Limit(DescriptionLimit);
            RuleFor(c => c.OccurredAt).Required().DependentRules(() =>
                RuleFor(c => c.OccurredAt!.Value).LessThanOrEqualTo(_ => clock.GetUtcNow()).OverridePropertyName(nameof(Command.OccurredAt))
                    .WithMessage("事件发生的时间不能晚于当前时间。", "The incident cannot have occurred in the future.")
                    .GreaterThanOrEqualTo(TimeLimits.MeasuresInForce).WithMessage("《实施办法》适用于2017年8月15日施行之日起发生的事件（第十四条）。", "The Measures apply to incidents from 15 August 2017, when they came into force (Article 14)."));
            RuleFor(c => c.Facts).Required().ChildRules(f =>
            {
                f.RuleFor(x => x!.PortalTampering).ChildRules(s =>
                {
                    s.RuleFor(x => x!.Site).Required().IsInEnum();
                    s.RuleFor(x => x!.AttackedAndTampered).Required();
                    s.RuleFor(x => x!.HarmfulInformationSpreadWidely).Required();
                    s.RuleFor(x => x!.ReportedInTime).Required();
                    s.RuleFor(x => x!.DisposalOrganisedInTime).Required();
                });
                f.RuleFor(x => x!.PortalParalysis).ChildRules(s =>
                {
                    s.RuleFor(x => x!.Site).Required().IsInEnum();
                    s.RuleFor(x => x!.SiteLevel).Required().IsInEnum();
                    s.RuleFor(x => x!.Attacked).Required();
                    s.RuleFor(x => x!.DisposalOrganisedInTime).Required();
                    s.RuleFor(x => x!.DownAt).Required()
                        .GreaterThanOrEqualTo(TimeLimits.MeasuresInForce).WithMessage("网站瘫痪的时间不能早于《实施办法》施行之日（2017年8月15日，第十四条）。", "The outage cannot start before the Measures came into force (15 August 2017, Article 14).")
                        .LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("网站瘫痪的时间不能晚于当前时间。", "The site cannot have gone down in the future.");
                    s.RuleFor(x => x!.RestoredAt).GreaterThanOrEqualTo(TimeLimits.MeasuresInForce)
                        .WithMessage("恢复服务的时间不能早于《实施办法》施行之日（2017年8月15日，第十四条）。", "Service cannot be restored before the Measures came into force (15 August 2017, Article 14).");
                    s.RuleFor(x => x!.RestoredAt).GreaterThanOrEqualTo(x => x!.DownAt).When(x => x!.DownAt is not null)
                        .WithMessage("恢复服务的时间不能早于中断的时间。", "Service cannot be restored before it went down.");
                    // A restoration later than now is the domain's rule (PortalParalysisFacts), refused there with its own message.
                });
                f.RuleFor(x => x!.DataLeak).ChildRules(s =>
                {
                    s.RuleFor(x => x!.StateSecretsLeaked).Required();
                    s.RuleFor(x => x!.LargeScalePersonalInformationLeaked).Required();
                    s.RuleFor(x => x!.LargeAmountOfNationalBasicDataLeaked).Required();
                    s.RuleFor(x => x!.PersonalRecordsLeaked).GreaterThanOrEqualTo(0).WithMessage("泄露的个人信息条数不能为负数。", "The number of personal records leaked cannot be negative.");
                });
                f.RuleFor(x => x!.CriticalInfrastructure).ChildRules(s =>
                {
                    s.RuleFor(x => x!.IsCriticalInformationInfrastructure).Required();
                    s.RuleFor(x => x!.Attacked).Required();
                    s.RuleFor(x => x!.HandledInTime).Required();
                    s.RuleFor(x => x!.LargeScaleImpactOnPublic).Required();
                    s.RuleFor(x => x!.MajorEconomicLoss).Required();
                    s.RuleFor(x => x!.SeriousAdverseSocialImpact).Required();
                });
                f.RuleFor(x => x!.Concealment).ChildRules(s =>
                {
                    s.RuleFor(x => x!.BlockedOrConcealed).Required();
                    s.RuleFor(x => x!.RefusedToCooperate).Required();
                    s.RuleFor(x => x!.NotifiedProblemsNotRectifiedInTime).Required();
                    s.RuleFor(x => x!.SeriousConsequences).Required();
                });
                f.RuleFor(x => x!.Obstruction).ChildRules(s =>
                {
                    s.RuleFor(x => x!.ObstructedSecurityOrgans).Required();
                    s.RuleFor(x => x!.RefusedSupport).Required();
                });
                f.RuleFor(x => x!.OtherSeriousAct).ChildRules(s =>
                {
                    s.RuleFor(x => x!.Description).NotEmpty().WithMessage("请描述该行为。", "Describe the act.").Limit(ActLimit);
                    s.RuleFor(x => x!.SeriouslyEndangersCybersecurity).Required();
                });
            });
            // An outage is part of the incident: it cannot begin before the incident occurred.
            RuleFor(c => c.Facts!.PortalParalysis!.DownAt).GreaterThanOrEqualTo(c => c.OccurredAt)
                .When(c => c.OccurredAt is not null && c.Facts?.PortalParalysis?.DownAt is not null)
                .WithMessage("网站瘫痪的时间不能早于事件发生的时间。", "The outage cannot begin before the incident occurred.");
            RuleFor(c => c.DutiesFailed).AtMost(Enum.GetValues<Article3Duty>().Length);
            RuleForEach(c => c.DutiesFailed).IsInEnum();
            RuleFor(c => c.Evidence).AtMost(EvidenceCount);
            RuleForEach(c => c.Evidence).NoMissingElement().Limit(EvidenceLimit);
            RuleFor(c => c).Must(c => c.Facts is null || c.Facts.AllegesAny || c.DutiesFailed is { Count: > 0 })
                .WithName("Facts").OverridePropertyName("Facts").WithMessage("请至少记录一项第八条所列情形的事实，或一项未履行的第三条职责。", "Record the facts of at least one Article 8 circumstance, or an Article 3 duty that was not performed.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, CaseSession session, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.CaseOfficer);
            if (!await access.CanSeeUnitAsync(command.UnitId!.Value, ct))
                throw Say.Invalid("UnitId", "该单位不在您的管辖范围内。", "This unit is not one of yours.");
            var unit = (await access.OrganisationAsync(ct)).Unit(new UnitId(command.UnitId.Value));
            if (unit.Retired)
                throw Say.Invalid("UnitId", "该单位已撤销，不能登记新的案件。", "This unit is retired and takes no new case.");
            var now = clock.GetUtcNow();
            var number = await NextNumberAsync(now, ct);
            var facts = command.Facts!.ToFacts(now).ToList();
            if (facts.OfType<PortalParalysisFacts>().Select(p => p.LevelMismatch(unit)).FirstOrDefault(m => m is not null) is { } mismatch)
                throw Say.Invalid("Facts.PortalParalysis.SiteLevel", mismatch.Zh, mismatch.En);
            var c = Case.Register(CaseId.New(), number, new UnitId(command.UnitId!.Value), command.Title!, command.Description!, command.OccurredAt!.Value,
                facts, command.DutiesFailed ?? [], command.Evidence ?? [], access.Actor.UserName, now);
            session.Case = c;
            var record = CaseRecord.From(c, now);
            db.Cases.Add(record);
            var instance = await runtime.StartAsync(db, InvestigationWorkflow.Name,
                new Dictionary<string, object> { [nameof(InvestigationWorkflow.Input)] = new InvestigationWorkflow.Input(c.Id.Value, number, command.UnitId.Value) },
                correlationId: c.Id.Value.ToString(), actor: access.Actor.UserName, cancellationToken: ct);
            record.WorkflowInstanceId = instance.Id;
            audit.CaseId = c.Id.Value;
            return new(c.Id.Value, number, c.Evaluation);
        }

        /// <summary>
        /// Numbers run per year: 2026-0001, 2026-0002, ... (inside the command's transaction, so no two cases share one).
        /// On PostgreSQL two registrations at once (on one node or two) would read the same last number and the
        /// second would fail on the unique index, a 409 for a registration that conflicts with nothing: the number
        /// is taken under the audit chain's lock, which the registration's audit append takes anyway before its commit.
        /// </summary>
        private async Task<string> NextNumberAsync(DateTimeOffset now, CancellationToken ct)
        {
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChain.AppendLock})", ct);
            var prefix = $"{now.Year}-";
            var last = await db.Cases.Where(c => c.Number.StartsWith(prefix)).OrderByDescending(c => c.Number).Select(c => c.Number).FirstOrDefaultAsync(ct);
            var next = last is null ? 1 : int.Parse(last[prefix.Length..]) + 1;
            return $"{prefix}{next:D4}";
        }
    }
}
