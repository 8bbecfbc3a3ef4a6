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
/// An administrator records that a person has left (离任). The person stays on record: the cases that
/// name them, and the leadership teams they sat on, still read their name.
/// </summary>
public static class RetirePerson
{
    public sealed record Command(Guid PersonId) : ICommand<Unit>, IChangesOrganisation;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PersonId).NotEmpty();
    }

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command c, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var row = await db.People.SingleOrDefaultAsync(p => p.Id == c.PersonId, ct);
            if (row is null || !await access.CanSeeUnitAsync(row.UnitId, ct)) throw new NotFoundException("该人员", "The person");
            var tree = await OrganisationStore.LoadAsync(db, ct);
            tree.RetirePerson(new PersonId(c.PersonId));
            row.Retired = true;
            audit.Detail = row.Name;
            return Unit.Value;
        }
    }
}
