using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// What Article 9 derives from the findings and a draft record of the decision at fault, before the lead
/// confirms it: the derivation runs on a copy of the case, so nothing is saved.
/// </summary>
public static class PreviewResponsibility
{
    public sealed record Query(Guid TaskId, DetermineResponsibility.DecisionInput Decision) : IRequest<Result>;

    public sealed record Row(PersonId Person, string Name, string Post, TraceBackLevel? Level, ResponsibilityKind Derived,
        BilingualText Reason, Citation Citation, bool Dissented);

    public sealed record Result(IReadOnlyList<Row> Rows);

    /// <summary>The same checks as confirming, so the preview refuses what the confirmation would.</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Decision).Required();
            RuleFor(q => q.Decision.Collective).Required().When(q => q.Decision is not null);
            RuleFor(q => q.Decision.Participants).Required().When(q => q.Decision is not null);
            RuleFor(q => q.Decision.Dissenters).Required().When(q => q.Decision is not null);
            RuleFor(q => q.Decision.Description).NotEmpty().When(q => q.Decision is not null).WithName("Decision.Description")
                .WithMessage("请描述有过错的决策（或说明各人系个人行为）。", "Describe the decision at fault (or that each person acted on their own).");
            RuleFor(q => q.Decision.Participants).NotEmpty().When(q => q.Decision is { Collective: true }).WithName("Decision.Participants")
                .WithMessage("集体决策须列明参与决策的成员。", "A collective decision needs the members who took part.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, query.TaskId, ct);
            if (task.Kind != TaskKinds.ResponsibilityDetermination)
                throw new ValidationException(Say.T(
                    $"这是“{TaskKinds.Of(task.Kind).Name.Zh}”任务；责任预览只能在“{TaskKinds.Of(TaskKinds.ResponsibilityDetermination).Name.Zh}”任务中进行。",
                    $"This is a {task.Kind} task; responsibility is previewed on a {TaskKinds.ResponsibilityDetermination} task."));
            var record = await access.CaseAsync(Guid.TryParse(task.CorrelationId, out var id) ? id : Guid.Empty, ct, tracking: false);
            var organisation = await access.OrganisationAsync(ct);
            var d = query.Decision;
            var decision = new DecisionRecord(d.Collective!.Value, d.Participants!.Select(p => new PersonId(p)).ToList(),
                d.Dissenters!.Select(p => new PersonId(p)).ToList(), d.Description!);
            // A copy: the stored case stays as it is.
            var copy = Case.Restore(record.ToCase().ToSnapshot());
            var derived = copy.DetermineResponsibility(organisation, decision);
            return new(derived.Select(r =>
            {
                var person = organisation.Contains(r.Person) ? organisation.Person(r.Person) : null;
                return new Row(r.Person, person?.Name ?? r.Person.ToString(), person?.Post ?? "", r.Level, r.Derived, r.DerivationReason, r.Citation, r.Dissented);
            }).ToList());
        }
    }
}
