using FluentValidation;
using Investigation.Domain.Cases;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>The case officer accepts the case and names an investigation team of at least two, or rejects it with a reason.</summary>
public static class CompleteAcceptance
{
    public sealed record Command(Guid TaskId, bool? Accept, string? LeadInvestigator, IReadOnlyList<string>? Members, string? Reason) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Accept).Required();
            RuleFor(c => c.LeadInvestigator).NotEmpty().When(c => c.Accept == true).WithMessage("请指定调查组组长。", "Name the lead investigator.");
            RuleFor(c => c).Must(c => (c.Members ?? []).Append(c.LeadInvestigator).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().Count() >= InvestigationTeam.MinimumMembers)
                .When(c => c.Accept == true).WithName(nameof(Command.Members)).WithMessage($"调查组至少由{InvestigationTeam.MinimumMembers}人组成（《问责条例》第十条：启动问责调查后应当组成调查组，《释义》：不能少于2人）。", $"An investigation team has at least {InvestigationTeam.MinimumMembers} members (Accountability Regulations, Article 10: an investigation team is formed; its Interpretation: of no fewer than 2).");
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Accept == false).WithMessage("请说明不予受理的理由。", "Give the reason for rejecting the case.").Limit(4_000);
            RuleFor(c => c.LeadInvestigator).Limit(256);
            RuleFor(c => c.Members).AtMost(50);
            RuleForEach(c => c.Members).NoMissingElement().Limit(256);
        }
    }

    public sealed class Handler(TaskStep step, InvestigationDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.Acceptance], ct);
            if (command.Accept!.Value)
            {
                var team = new InvestigationTeam(command.LeadInvestigator!, command.Members ?? []);
                await EnsureInvestigatorsAsync(team, ct);
                open.Case.Accept(open.Organisation, team);
            }
            else
                open.Case.Reject(command.Reason!);
            await step.CompleteAsync(open, command.Accept.Value ? InvestigationWorkflow.Outcomes.Accepted : InvestigationWorkflow.Outcomes.Rejected, command, ct);
            return Unit.Value;
        }

        private async Task EnsureInvestigatorsAsync(InvestigationTeam team, CancellationToken ct)
        {
            var investigators = await (from u in db.Users
                                       join ur in db.UserRoles on u.Id equals ur.UserId
                                       join r in db.Roles on ur.RoleId equals r.Id
                                       where r.Name == Roles.Investigator && team.Members.Contains(u.UserName!)
                                       select u.UserName).ToListAsync(ct);
            var unknown = team.Members.Except(investigators!).ToList();
            if (unknown.Count > 0)
                throw Say.Invalid(nameof(Command.Members), $"以下人员不是调查人员：{string.Join("、", unknown)}。", $"Not investigators: {string.Join(", ", unknown)}.");
        }
    }
}
