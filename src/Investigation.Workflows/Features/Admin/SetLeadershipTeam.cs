using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Unit = MediatR.Unit;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator sets a unit's leadership team (领导班子): the main person in charge, the member in
/// charge of cybersecurity and the other members, all people of the unit (Article 2). The trace-back
/// of later cases reads it.
/// </summary>
public static class SetLeadershipTeam
{
    public sealed record Command(Guid UnitId, Guid MainLeadId, Guid SecurityLeadId, IReadOnlyList<Guid>? OtherMemberIds = null) : IRequest<Unit>;

    /// <summary>The change itself, in one transaction with its audit entry.</summary>
    public sealed record Apply(Command Change) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UnitId).NotEmpty();
            RuleFor(c => c.MainLeadId).NotEmpty().WithMessage("请选择主要负责人。", "Choose the main person in charge.");
            RuleFor(c => c.SecurityLeadId).NotEmpty().WithMessage("请选择主管网络安全的领导班子成员。", "Choose the member in charge of cybersecurity.");
        }
    }

    public sealed class Handler(IMediator mediator, OrganisationStore organisation) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            await mediator.Send(new Apply(command), ct);
            // Only now is the change committed (see AddUnit).
            organisation.Invalidate();
            return Unit.Value;
        }
    }

    public sealed class ApplyHandler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Apply, Unit>
    {
        public async Task<Unit> Handle(Apply apply, CancellationToken ct)
        {
            var c = apply.Change;
            access.RequireRole(Roles.Administrator);
            if (!await access.CanSeeUnitAsync(c.UnitId, ct)) throw new NotFoundException("该单位", "The unit");
            var tree = await OrganisationStore.LoadAsync(db, ct);
            var unitId = new UnitId(c.UnitId);
            var team = new LeadershipTeam(new PersonId(c.MainLeadId), new PersonId(c.SecurityLeadId), (c.OtherMemberIds ?? []).Select(id => new PersonId(id)));
            tree.SetLeadership(unitId, team);
            var record = await db.Units.SingleAsync(u => u.Id == c.UnitId, ct);
            record.MainLeadId = team.MainLead.Value;
            record.SecurityLeadId = team.SecurityLead.Value;
            record.OtherMembers = string.Join(',', team.OtherMembers.Select(m => m.Value));
            audit.Detail = $"{record.Name}: {string.Join(", ", team.Members.Select(m => tree.Person(m).Name))}";
            return Unit.Value;
        }
    }
}
