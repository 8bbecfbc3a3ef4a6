using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator adds a unit below one of their units. The organisation tree checks it (no unit
/// above its parent's level; a regulator names its industry) before the row is written.
/// </summary>
public static class AddUnit
{
    public sealed record Command(string Name, UnitKind Kind, AdministrativeLevel Level, Guid ParentId, string? Industry) : IRequest<Guid>;

    /// <summary>The change itself, in one transaction with its audit entry.</summary>
    public sealed record Apply(Command Change) : ICommand<Guid>, IChangesOrganisation;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Level).IsInEnum();
            RuleFor(c => c.ParentId).NotEmpty().WithMessage("请选择新单位的上级单位。", "Choose the unit the new unit belongs to.");
            RuleFor(c => c.Industry).MaximumLength(100);
        }
    }

    public sealed class Handler(IMediator mediator, OrganisationStore organisation) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken ct)
        {
            var id = await mediator.Send(new Apply(command), ct);
            // Only now is the change committed: dropping the cached tree earlier would let a concurrent
            // request cache the old tree again.
            organisation.Invalidate();
            return id;
        }
    }

    public sealed class ApplyHandler(InvestigationDbContext db, Access access) : IRequestHandler<Apply, Guid>
    {
        public async Task<Guid> Handle(Apply apply, CancellationToken ct)
        {
            var c = apply.Change;
            access.RequireRole(Roles.Administrator);
            await access.RequireManagedUnitAsync(c.ParentId, nameof(Command.ParentId), ct);
            // The rows as committed, read inside this transaction, not the cache.
            var tree = await OrganisationStore.LoadAsync(db, ct);
            var unit = tree.AddUnit(UnitId.New(), c.Name, c.Kind, c.Level, new UnitId(c.ParentId), c.Industry);
            db.Units.Add(new UnitRecord
            {
                Id = unit.Id.Value, Name = unit.Name, Kind = unit.Kind, Level = unit.Level, ParentId = c.ParentId, Industry = unit.Industry,
            });
            return unit.Id.Value;
        }
    }
}
