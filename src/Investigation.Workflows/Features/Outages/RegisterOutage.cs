using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Pipeline;
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
    public sealed record Command(Guid UnitId, string SiteAddress, DateTimeOffset DownAt, bool Attacked, string? Description = null) : ICommand<Result>;

    public sealed record Result(Guid OutageId, DateTimeOffset ThresholdAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("Choose the organ or news website whose site is down.");
            RuleFor(c => c.SiteAddress).NotEmpty().WithMessage("Give the site's address or name.").MaximumLength(500);
            RuleFor(c => c.DownAt).LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("The site cannot have gone down in the future.");
            RuleFor(c => c.Description).MaximumLength(4000);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.CaseOfficer);
            if (!await access.CanSeeUnitAsync(command.UnitId, ct))
                throw new ValidationException([new(nameof(Command.UnitId), "This unit is not one of yours.")]);
            var unit = (await access.OrganisationAsync(ct)).Unit(new UnitId(command.UnitId));
            // 地市级以上党政机关门户网站或者重点新闻网站: the sites circumstance (2) is about.
            SiteKind site;
            if (unit.Kind == UnitKind.KeyNewsWebsite) site = SiteKind.KeyNewsWebsite;
            else if (unit.Kind == UnitKind.PartyOrGovernmentOrgan && unit.Level.IsAtOrAbove(AdministrativeLevel.Prefecture)) site = SiteKind.PartyOrGovernmentPortal;
            else throw new ValidationException([new(nameof(Command.UnitId),
                $"{unit.Name} is not a Party or government organ at or above the prefecture level, nor a key news website: Article 8 (2) does not cover its site.")]);
            if (await db.Outages.AnyAsync(o => o.UnitId == command.UnitId && o.RestoredAt == null, ct))
                throw new ConflictException($"An outage of {unit.Name}'s site is already being watched; record its restoration first.");

            var now = clock.GetUtcNow();
            var outage = new Outage
            {
                Id = Guid.CreateVersion7(now),
                UnitId = command.UnitId,
                Site = site,
                SiteLevel = unit.Level,
                SiteAddress = command.SiteAddress.Trim(),
                Attacked = command.Attacked,
                Description = command.Description?.Trim() ?? "",
                DownAt = command.DownAt,
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
