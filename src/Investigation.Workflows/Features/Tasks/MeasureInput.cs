using Investigation.Domain.Accountability;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>Forms of accountability for one subject, as a form or API client sends them.</summary>
public sealed record MeasureInput(TargetKind Target, Guid SubjectId, IReadOnlyList<AccountabilityForm> Forms, string Reason)
{
    public Measure ToMeasure() => new(new AccountabilitySubject(Target, SubjectId), Forms, Reason);
}

/// <summary>A ground recorded on a decision (Articles 17–19 of the Accountability Regulations), as a form or API client sends it.</summary>
public sealed record GroundInput(TargetKind Target, Guid SubjectId, GroundKind Kind, string Reason)
{
    public DecisionGround ToGround() => new(new AccountabilitySubject(Target, SubjectId), Kind, Reason);
}
