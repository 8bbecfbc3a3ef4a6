using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Unit = MediatR.Unit;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator retires (撤销) a unit. Nothing is deleted: its cases, people and leadership history
/// stay, and it takes no new case, unit or person.
/// </summary>
public static class RetireUnit
{
    public sealed record Command(Guid UnitId) : ICommand<Unit>, IChangesOrganisation;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UnitId).NotEmpty();
    }

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command c, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            if (!await access.CanSeeUnitAsync(c.UnitId, ct)) throw new NotFoundException("该单位", "The unit");
            if (c.UnitId == access.Actor.UnitId.Value)
                throw new DomainException("不能撤销您自己所在的单位。", "You cannot retire your own unit.");
            var tree = await OrganisationStore.LoadAsync(db, ct);
            tree.RetireUnit(new UnitId(c.UnitId));
            var row = await db.Units.SingleAsync(u => u.Id == c.UnitId, ct);
            row.Retired = true;
            audit.Detail = row.Name;
            return Unit.Value;
        }
    }
}
