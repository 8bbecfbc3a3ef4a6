using Investigation.Domain.Accountability;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>Forms of accountability for one subject, as a form or API client sends them.</summary>
public sealed record MeasureInput(TargetKind Target, Guid SubjectId, IReadOnlyList<AccountabilityForm> Forms, string Reason)
{
    public Measure ToMeasure() => new(new AccountabilitySubject(Target, SubjectId), Forms, Reason);
}
