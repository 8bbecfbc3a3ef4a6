using FluentValidation;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The managing Party organisation decides the forms per person, the decision date and its
/// announcement; the result is forwarded to the cadre management department (Article 10).
/// </summary>
public static class RecordDecision
{
    public sealed record Command(Guid TaskId, IReadOnlyList<MeasureInput>? Measures, DateOnly? DecidedOn, string? Announcement,
        IReadOnlyList<GroundInput>? Grounds = null) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Measures).Required().AtMost(200);
            RuleForEach(c => c.Measures).NoMissingElement().ChildRules(m => MeasureInput.Rules(m, "请说明该问责措施的理由。", "Give the reason for the measure."));
            RuleFor(c => c.Announcement).NotEmpty().WithMessage("请记录问责决定的宣布情况。", "Record how the decision was announced.").Limit(4_000);
            // A decision is dated on the day it was taken: not in the future (in China, a day ahead of UTC until 08:00)...
            RuleFor(c => c.DecidedOn).Required()
                .LessThanOrEqualTo(_ => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime))
                .WithMessage("决定日期不能晚于今天。", "The decision cannot be dated in the future.")
                .GreaterThanOrEqualTo(Domain.Accountability.TimeLimits.MeasuresInForceOn)
                .WithMessage("决定日期不能早于《实施办法》施行之日（2017年8月15日）。", "The decision cannot be dated before the Measures came into force (15 August 2017).");
            RuleFor(c => c.Grounds).AtMost(200);
            RuleForEach(c => c.Grounds).NoMissingElement().ChildRules(GroundInput.Rules);
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.Decision], ct);
            // ...nor before the case it decides was registered.
            var registered = DateOnly.FromDateTime(open.Case.RegisteredAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
            if (command.DecidedOn < registered)
                throw Say.Invalid(nameof(Command.DecidedOn), $"决定日期不能早于案件登记之日（{registered:yyyy-MM-dd}）。", $"The decision cannot be dated before the case was registered ({registered:yyyy-MM-dd}).");
            open.Case.Decide(open.Organisation, step.Actor.UnitId, command.Measures!.Select(m => m.ToMeasure()), command.DecidedOn!.Value,
                command.Announcement!, step.Actor.UserName, clock.GetUtcNow(), (command.Grounds ?? []).Select(g => g.ToGround()));
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
