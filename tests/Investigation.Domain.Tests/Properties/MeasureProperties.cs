using FsCheck;
using FsCheck.Fluent;
using Investigation.Domain.Accountability;

namespace Investigation.Domain.Tests.Properties;

/// <summary>A measure accepts exactly the forms the Accountability Regulations allow for its kind of subject.</summary>
public class MeasureProperties
{
    public sealed record Proposal(TargetKind Target, AccountabilityForm[] Forms)
    {
        public override string ToString() => $"{Target}: [{string.Join(", ", Forms)}]";
    }

    private static readonly Gen<Proposal> Proposals =
        from target in Gen.Elements(Enum.GetValues<TargetKind>())
        from forms in Gen.SubListOf(Enum.GetValues<AccountabilityForm>())
        from repeated in Gen.Elements(true, false)
        select new Proposal(target, (repeated ? forms.Concat(forms) : forms).ToArray());

    [Fact]
    public void Measure_AcceptsExactlyTheFormsAllowedForItsTargetKind()
    {
        Prop.ForAll(Arb.From(Proposals), p =>
        {
            var subject = new AccountabilitySubject(p.Target, Guid.NewGuid());
            var allowed = AccountabilityForms.AllowedFor(p.Target);
            var shouldAccept = p.Forms.Length > 0 && p.Forms.All(allowed.Contains);
            var error = Record.Exception(() => new Measure(subject, p.Forms, "理由"));
            return shouldAccept ? error is null : error is DomainException;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AcceptedMeasure_KeepsEachProposedFormOnce()
    {
        Prop.ForAll(Arb.From(Proposals.Where(p => p.Forms.Length > 0 && p.Forms.All(f => f.IsAllowedFor(p.Target)))), p =>
        {
            var measure = new Measure(new AccountabilitySubject(p.Target, Guid.NewGuid()), p.Forms, "理由");
            return measure.Forms.SequenceEqual(p.Forms.Distinct());
        }).QuickCheckThrowOnFailure();
    }
}
