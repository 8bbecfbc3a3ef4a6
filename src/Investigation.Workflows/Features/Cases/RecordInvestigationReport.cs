using FluentValidation;
using Investigation.Domain.Cases;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The investigation team records its report (the facts found, its conclusion) and the collective discussion
/// that adopted it (who took part, what they concluded), after the hearing and before the office's suggestion
/// (Accountability Regulations, Article 11). Not a task of its own: the suggestion waits for it instead.
/// </summary>
public static class RecordInvestigationReport
{
    public sealed record Command(Guid CaseId, string? Facts, string? Conclusion, IReadOnlyList<string>? Participants,
        string? DiscussionConclusion, DateOnly? DiscussedOn) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.CaseId).NotEmpty().WithMessage("请指明案件。", "Name the case.");
            RuleFor(c => c.Facts).NotEmpty().WithMessage("请写明调查认定的事实。", "State the facts the team found.")
                .MaximumLength(InvestigationReport.MaxTextLength).WithMessage("调查认定的事实不能超过20000字。", "The facts are at most 20,000 characters.");
            RuleFor(c => c.Conclusion).NotEmpty().WithMessage("请写明调查结论和处理意见。", "State the conclusion and the proposed handling.")
                .MaximumLength(InvestigationReport.MaxTextLength).WithMessage("调查结论不能超过20000字。", "The conclusion is at most 20,000 characters.");
            RuleFor(c => c.Participants).Required().AtMost(50);
            RuleFor(c => c.Participants).Must(p => p is not null && p.Count(x => !string.IsNullOrWhiteSpace(x)) >= InvestigationTeam.MinimumMembers)
                .WithMessage("请列出参加集体讨论的调查组成员（至少2人）。", "List the team members who took part in the collective discussion (at least 2).");
            RuleForEach(c => c.Participants).NoMissingElement().MaximumLength(256).WithMessage("用户名不能超过256个字符。", "A user name is at most 256 characters.");
            RuleFor(c => c.DiscussionConclusion).NotEmpty().WithMessage("请写明集体讨论的结论。", "State what the discussion concluded.")
                .MaximumLength(InvestigationReport.MaxTextLength).WithMessage("集体讨论的结论不能超过20000字。", "The conclusion of the discussion is at most 20,000 characters.");
            RuleFor(c => c.DiscussedOn).Required().WithMessage("请填写集体讨论的日期。", "Give the date of the discussion.")
                .Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
                .WithMessage("集体讨论的日期不能晚于今天。", "The discussion cannot be dated in the future.")
                .GreaterThanOrEqualTo(Domain.Accountability.TimeLimits.MeasuresInForceOn)
                .WithMessage("集体讨论的日期不能早于《实施办法》施行之日（2017年8月15日）。", "The discussion cannot be dated before the Measures came into force (15 August 2017).");
        }
    }

    public sealed class Handler(Access access, CaseSession session, AuditScope audit, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var record = await access.CaseAsync(command.CaseId, ct);
            access.RequireRole(Roles.Investigator);
            var c = record.ToCase();
            if (c.Team is not { } team || !team.Includes(access.Actor.UserName))
                throw new ForbiddenException("只有本案调查组成员才能记录调查报告。", "Only members of the case's investigation team record its report.");
            // A discussion of the case's findings cannot come before the case was registered.
            var registered = DateOnly.FromDateTime(c.RegisteredAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
            if (command.DiscussedOn < registered)
                throw Say.Invalid(nameof(Command.DiscussedOn), $"集体讨论的日期不能早于案件登记之日（{registered:yyyy-MM-dd}）。",
                    $"The discussion cannot be dated before the case was registered ({registered:yyyy-MM-dd}).");
            session.Case = c;
            audit.CaseId = record.Id;
            var now = clock.GetUtcNow();
            c.RecordInvestigationReport(command.Facts!, command.Conclusion!, command.Participants!, command.DiscussionConclusion!,
                command.DiscussedOn!.Value, access.Actor.UserName, now);
            record.Store(c, now);
            return Unit.Value;
        }
    }
}
