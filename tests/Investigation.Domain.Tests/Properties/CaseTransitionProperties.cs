using FsCheck;
using FsCheck.Fluent;
using Investigation.Domain.Cases;
using Investigation.Domain.Tests.Support;

namespace Investigation.Domain.Tests.Properties;

/// <summary>Whatever is attempted on a case, its status moves only along <see cref="CaseTransitions.Table"/>.</summary>
public class CaseTransitionProperties
{
    /// <summary>
    /// One attempt: optionally do the work of the current status first (findings, responsibility,
    /// statements, the draft), then fire a trigger: either any trigger, or one the status allows,
    /// so that random walks reach the far end of the table too.
    /// </summary>
    public sealed record Attempt(bool DoWorkFirst, bool PickAllowed, int Index)
    {
        public CaseTrigger Trigger(CaseStatus status)
        {
            var allowed = CaseTransitions.AllowedFrom(status).ToList();
            var all = Enum.GetValues<CaseTrigger>();
            return PickAllowed && allowed.Count > 0 ? allowed[Index % allowed.Count] : all[Index % all.Length];
        }

        public override string ToString() => $"{(DoWorkFirst ? "work+" : "")}{(PickAllowed ? "allowed" : "any")}#{Index}";
    }

    private static readonly Gen<Attempt> Attempts =
        from work in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from pickAllowed in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        // Index 0 is the forward trigger of the status (the table lists it first): favour it to walk far.
        from index in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 1000)))
        select new Attempt(work, pickAllowed, index);

    private static readonly Gen<Attempt[]> Walks = Gen.Choose(1, 60).SelectMany(n => Gen.ArrayOf(Attempts, n));

    [Fact]
    public void Status_OnlyEverChangesAlongTheTransitionTable()
    {
        Prop.ForAll(Arb.From(Walks), walk =>
        {
            var s = new CaseScenario();
            foreach (var attempt in walk)
            {
                if (attempt.DoWorkFirst) s.DoTheWorkOfTheStatus();
                var before = s.Case.Status;
                var trigger = attempt.Trigger(before);
                var can = s.Case.Can(trigger);
                var error = Record.Exception(() => s.Fire(trigger));
                var after = s.Case.Status;

                if (error is null)
                {
                    Assert.Contains((before, trigger, after), CaseTransitions.Table);
                    Assert.True(can, $"{trigger} succeeded from {before} although Can said no.");
                }
                else
                {
                    Assert.IsType<DomainException>(error);
                    Assert.Equal(before, after);
                    Assert.False(can, $"{trigger} was refused from {before} although Can said yes: {error.Message}");
                }
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TransitionTable_HasOneTargetPerStatusAndTrigger_AndEveryStatusIsReachable()
    {
        Assert.Equal(CaseTransitions.Table.Count, CaseTransitions.Table.Select(t => (t.From, t.Trigger)).Distinct().Count());
        var reachable = CaseTransitions.Table.Select(t => t.To).Append(CaseStatus.Registered).ToHashSet();
        Assert.All(Enum.GetValues<CaseStatus>(), s => Assert.Contains(s, reachable));
        Assert.Equal([CaseStatus.Rejected, CaseStatus.Declined, CaseStatus.Closed], Enum.GetValues<CaseStatus>().Where(s => s.IsFinal()));
    }
}
