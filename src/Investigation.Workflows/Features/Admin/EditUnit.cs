using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Unit = MediatR.Unit;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator renames a unit, moves it under another of their units, or changes its kind, level,
/// industry (for a regulator, the industry it supervises). The organisation tree checks the result;
/// cases keep what they recorded (the unit's id, and the team fixed when their trace-back started).
/// </summary>
public static class EditUnit
{
    /// <param name="RegulatorId">The industry regulator recorded for the unit; null to find it from the industry (Article 4).</param>
    public sealed record Command(Guid UnitId, string Name, UnitKind Kind, AdministrativeLevel Level, Guid? ParentId, string? Industry, Guid? RegulatorId = null)
        : ICommand<Unit>, IChangesOrganisation;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UnitId).NotEmpty();
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Level).IsInEnum();
            RuleFor(c => c.Industry).MaximumLength(100);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command c, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            if (!await access.CanSeeUnitAsync(c.UnitId, ct)) throw new NotFoundException("该单位", "The unit");
            var tree = await OrganisationStore.LoadAsync(db, ct);
            var id = new UnitId(c.UnitId);
            var before = tree.Unit(id);
            var was = $"{before.Name} {before.Kind} {before.Level} {before.ParentId} {before.Industry} {before.RegulatorId}";
            if (c.ParentId is { } parent && parent != before.ParentId?.Value)
            {
                // Moving is managing two places: the unit and where it goes.
                await access.RequireManagedUnitAsync(parent, nameof(Command.ParentId), ct);
                tree.MoveUnit(id, new UnitId(parent), c.Level);
            }
            else if (c.ParentId is null && before.ParentId is not null)
                throw Say.Invalid(nameof(Command.ParentId), "请选择上级单位。", "Choose the unit it belongs to.");
            tree.RenameUnit(id, c.Name);
            tree.DescribeUnit(id, c.Kind, c.Level, c.Industry);
            if (c.RegulatorId is { } r && !await access.CanSeeUnitAsync(r, ct) && !tree.SelfAndAncestors(id).Any(a => tree.ChildrenOf(a.Id).Any(x => x.Id.Value == r)))
                throw Say.Invalid(nameof(Command.RegulatorId), "请选择本地区或上级地区的行业主管监管部门。", "Choose an industry regulator of the unit's region or a region above.");
            tree.AssignRegulator(id, c.RegulatorId is { } regulator ? new UnitId(regulator) : null);
            var unit = tree.Unit(id);
            var row = await db.Units.SingleAsync(u => u.Id == c.UnitId, ct);
            (row.Name, row.Kind, row.Level, row.ParentId, row.Industry, row.RegulatorId) = (unit.Name, unit.Kind, unit.Level, unit.ParentId?.Value, unit.Industry, unit.RegulatorId?.Value);
            audit.Detail = $"was: {was}";
            return Unit.Value;
        }
    }
}
