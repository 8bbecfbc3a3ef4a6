using FluentValidation;
using Investigation.Domain.Accountability;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>Forms of accountability for one subject, as a form or API client sends them.</summary>
public sealed record MeasureInput(TargetKind? Target, Guid? SubjectId, IReadOnlyList<AccountabilityForm>? Forms, string? Reason)
{
    /// <summary>Once validated (<see cref="Rules"/>): every part given.</summary>
    public Measure ToMeasure() => new(new AccountabilitySubject(Target!.Value, SubjectId!.Value), Forms!, Reason!);

    /// <summary>What a proposal or a decided measure needs, in both use cases that take them.</summary>
    public static void Rules(InlineValidator<MeasureInput> m, string reasonZh, string reasonEn)
    {
        m.RuleFor(x => x.Target).Required().IsInEnum();
        m.RuleFor(x => x.SubjectId).NotEmpty().WithMessage("请选择问责对象。", "Choose who is held accountable.");
        m.RuleFor(x => x.Forms).NotEmpty().WithMessage("请至少选择一种问责方式。", "Name at least one form of accountability.").AtMost(20);
        m.RuleForEach(x => x.Forms).IsInEnum();
        m.RuleFor(x => x.Reason).NotEmpty().WithMessage(reasonZh, reasonEn).Limit(4_000);
    }
}
