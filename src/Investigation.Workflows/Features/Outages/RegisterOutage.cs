using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Outages;

/// <summary>
/// An officer registers that the portal of a Party or government organ (at or above the prefecture
/// level) or a key news website is down since a given moment; the outage watch starts, and flags
/// circumstance (2) of Article 8 if service is not recorded as restored when it reaches 6 hours.
/// </summary>
public static class RegisterOutage
{
    public sealed record Command(Guid? UnitId, string? SiteAddress, DateTimeOffset? DownAt, bool? Attacked, string? Description = null) : ICommand<Result>;

    public sealed record Result(Guid OutageId, DateTimeOffset ThresholdAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("请选择网站服务中断的机关或新闻网站。", "Choose the organ or news website whose site is down.");
            RuleFor(c => c.SiteAddress).NotEmpty().WithMessage("请填写网站的地址或名称。", "Give the site's address or name.").Limit(500);
            RuleFor(c => c.DownAt).Required().LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("网站服务中断的时间不能晚于当前时间。", "The site cannot have gone down in the future.")
                .GreaterThanOrEqualTo(Domain.Accountability.TimeLimits.MeasuresInForce)
                .WithMessage("网站服务中断的时间不能早于《实施办法》施行之日（2017年8月15日，第十四条）。", "The outage cannot start before the Measures came into force (15 August 2017, Article 14).");
            RuleFor(c => c.Attacked).Required();
            RuleFor(c => c.Description).Limit(4_000);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.CaseOfficer);
            var unitId = command.UnitId!.Value;
            if (!await access.CanSeeUnitAsync(unitId, ct))
                throw Say.Invalid(nameof(Command.UnitId), "该单位不在您的管辖范围内。", "This unit is not one of yours.");
            var unit = (await access.OrganisationAsync(ct)).Unit(new UnitId(unitId));
            // 地市级以上党政机关门户网站或者重点新闻网站: the sites circumstance (2) is about.
            SiteKind site;
            if (unit.Kind == UnitKind.KeyNewsWebsite) site = SiteKind.KeyNewsWebsite;
            else if (unit.Kind == UnitKind.PartyOrGovernmentOrgan && unit.Level.IsAtOrAbove(AdministrativeLevel.Prefecture)) site = SiteKind.PartyOrGovernmentPortal;
            else throw Say.Invalid(nameof(Command.UnitId),
                $"{unit.Name}既不是地市级以上党政机关，也不是重点新闻网站：第八条第二款第（二）项不适用于其网站。",
                $"{unit.Name} is not a Party or government organ at or above the prefecture level, nor a key news website: Article 8(2), item (2) does not cover its site.");
            if (await db.Outages.AnyAsync(o => o.UnitId == unitId && o.RestoredAt == null, ct))
                throw new ConflictException($"{unit.Name}网站的服务中断已在监测中；请先记录其恢复情况。", $"An outage of {unit.Name}'s site is already being watched; record its restoration first.");

            var now = clock.GetUtcNow();
            var outage = new Outage
            {
                Id = Guid.CreateVersion7(now),
                UnitId = unitId,
                Site = site,
                SiteLevel = unit.Level,
                SiteAddress = command.SiteAddress!.Trim(),
                Attacked = command.Attacked!.Value,
                Description = command.Description?.Trim() ?? "",
                DownAt = command.DownAt!.Value,
                RegisteredBy = access.Actor.UserName,
                RegisteredAt = now,
                Version = 1,
            };
            db.Outages.Add(outage);
            var instance = await runtime.StartAsync(db, OutageWatchWorkflow.Name,
                new Dictionary<string, object> { [nameof(OutageWatchWorkflow.Input)] = new OutageWatchWorkflow.Input(outage.Id, outage.ThresholdAt) },
                correlationId: $"outage:{outage.Id}", actor: access.Actor.UserName, cancellationToken: ct);
            outage.WorkflowInstanceId = instance.Id;
            audit.Detail = $"{unit.Name} down since {command.DownAt:O}";
            return new(outage.Id, outage.ThresholdAt);
        }
    }
}
