using FluentValidation;
using Investigation.Domain.Accountability;
using Investigation.Workflows.Messages;

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

/// <summary>A ground recorded on a decision (Articles 17–19 of the Accountability Regulations), as a form or API client sends it.</summary>
public sealed record GroundInput(TargetKind? Target, Guid? SubjectId, GroundKind? Kind, string? Reason)
{
    /// <summary>Once validated (<see cref="Rules"/>): every part given.</summary>
    public DecisionGround ToGround() => new(new AccountabilitySubject(Target!.Value, SubjectId!.Value), Kind!.Value, Reason!);

    /// <summary>What a ground needs, on a decision and on an appeal's answer alike.</summary>
    public static void Rules(InlineValidator<GroundInput> g)
    {
        g.RuleFor(x => x.Target).Required().IsInEnum().WithMessage("请选择问责对象的种类。", "Choose the kind of subject.");
        g.RuleFor(x => x.SubjectId).NotEmpty().WithMessage("请选择该情节针对的对象。", "Choose the subject of the ground.");
        g.RuleFor(x => x.Kind).Required().IsInEnum().WithMessage("请选择情节：不予问责、免予问责、从轻、减轻、从重或加重。", "Choose the ground: no accountability, exemption, lighter, mitigated, heavier or aggravated.");
        g.RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明该情节的事实和理由。", "State the facts and reason of the ground.")
            .Limit(DecisionGround.MaxReasonLength);
    }
}
