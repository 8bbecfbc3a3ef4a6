using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator adds a person (cadre or staff member) to one of their units, with the Party
/// organisation that manages them: the only body that may decide accountability for them (Article 9).
/// </summary>
public static class AddPerson
{
    public sealed record Command(string Name, string Post, Guid UnitId, Guid ManagingOrganisationId) : IRequest<Guid>;

    /// <summary>The change itself, in one transaction with its audit entry.</summary>
    public sealed record Apply(Command Change) : ICommand<Guid>, IChangesOrganisation;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Post).NotEmpty().MaximumLength(200);
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("请选择该人员所在的单位。", "Choose the person's unit.");
            RuleFor(c => c.ManagingOrganisationId).NotEmpty().WithMessage("请选择对该人员有管理权限的党组织。", "Choose the Party organisation that manages the person.");
        }
    }

    public sealed class Handler(IMediator mediator, OrganisationStore organisation) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command command, CancellationToken ct)
        {
            var id = await mediator.Send(new Apply(command), ct);
            // Only now is the change committed (see AddUnit).
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
            await access.RequireManagedUnitAsync(c.UnitId, nameof(Command.UnitId), ct);
            if ((await access.ManagingOrganisationsAsync(ct)).All(u => u.Id != c.ManagingOrganisationId))
                throw Say.Invalid(nameof(Command.ManagingOrganisationId), "请选择您所在单位的上级单位，或您管辖的单位。", "Choose a unit above yours or one of your own units.");
            var tree = await OrganisationStore.LoadAsync(db, ct);
            if (tree.Unit(new UnitId(c.UnitId)).Retired)
                throw Say.Invalid(nameof(Command.UnitId), "该单位已撤销，不能增加人员。", "This unit is retired: no person can be added to it.");
            var person = tree.AddPerson(PersonId.New(), c.Name, c.Post.Trim(), new UnitId(c.UnitId), new UnitId(c.ManagingOrganisationId));
            db.People.Add(new PersonRecord
            {
                Id = person.Id.Value, Name = person.Name, Post = person.Post, UnitId = c.UnitId, ManagingOrganisationId = c.ManagingOrganisationId,
            });
            return person.Id.Value;
        }
    }
}
