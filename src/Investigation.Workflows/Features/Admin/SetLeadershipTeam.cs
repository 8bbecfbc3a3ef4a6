using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Unit = MediatR.Unit;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator changes a unit's leadership team (领导班子) from a date on: the main person in
/// charge, the member in charge of cybersecurity and the other members, all people of the unit
/// (Article 2). Those who leave held their post until the day before; the teams of earlier days stay
/// on record, so a case traces the team of its incident's date (see TraceBackChain.Start).
/// </summary>
public static class SetLeadershipTeam
{
    /// <param name="EffectiveFrom">The first day the new team holds office (China Standard Time).</param>
    public sealed record Command(Guid UnitId, Guid MainLeadId, Guid SecurityLeadId, IReadOnlyList<Guid>? OtherMemberIds = null, DateOnly? EffectiveFrom = null)
        : ICommand<Unit>, IChangesOrganisation;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.UnitId).NotEmpty();
            RuleFor(c => c.MainLeadId).NotEmpty().WithMessage("请选择主要负责人。", "Choose the main person in charge.");
            RuleFor(c => c.SecurityLeadId).NotEmpty().WithMessage("请选择主管网络安全的领导班子成员。", "Choose the member in charge of cybersecurity.");
            RuleFor(c => c.EffectiveFrom).NotNull().WithMessage("请填写新班子开始任职的日期。", "Enter the date the new team takes office.");
            // A team takes office on a real day: not before the People's Republic, not more than a year ahead.
            RuleFor(c => c.EffectiveFrom).Must(d => d is null || (d >= new DateOnly(1949, 10, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddYears(1)))
                .WithMessage("任职日期须在1949年10月1日至一年后之间。", "The date the team takes office must lie between 1 October 1949 and a year from today.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command c, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            if (!await access.CanSeeUnitAsync(c.UnitId, ct)) throw new NotFoundException("该单位", "The unit");
            // The rows as committed, read inside this transaction, not the cache.
            var tree = await OrganisationStore.LoadAsync(db, ct);
            var unitId = new UnitId(c.UnitId);
            var team = new LeadershipTeam(new PersonId(c.MainLeadId), new PersonId(c.SecurityLeadId), (c.OtherMemberIds ?? []).Select(id => new PersonId(id)));
            tree.ChangeLeadership(unitId, team, c.EffectiveFrom!.Value);
            await OrganisationStore.SaveAppointmentsAsync(db, tree.Unit(unitId), ct);
            audit.Detail = $"{tree.Unit(unitId).Name} {c.EffectiveFrom:yyyy-MM-dd}: {string.Join(", ", team.Members.Select(m => tree.Person(m).Name))}";
            return Unit.Value;
        }
    }
}
