using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Tests.Support;
using Investigation.Workflows.Data;

namespace Investigation.Domain.Tests.Accountability;

/// <summary>Delivery of the decision document, the one-month limits (Articles 14 and 20), and appeals.</summary>
public class AppealAndDeliveryTests
{
    private static readonly DateOnly Delivered = new(2024, 4, 15);
    private static readonly DateTimeOffset Later = new(2024, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2024-04-15", "2024-05-15")]
    [InlineData("2024-01-31", "2024-02-29")] // no 31 February: the month's last day (leap year)
    [InlineData("2025-01-31", "2025-02-28")]
    [InlineData("2024-12-31", "2025-01-31")]
    [InlineData("2024-03-31", "2024-04-30")]
    public void OneMonth_EndsOnTheDayWithTheSameNumber_OrTheMonthsLastDay(string from, string last) =>
        Assert.Equal(DateOnly.Parse(last), TimeLimits.LastDayOfOneMonth(DateOnly.Parse(from)));

    [Fact]
    public void OneMonth_EndsAtMidnightBeijingTime_OfTheLastDay() =>
        Assert.Equal(new DateTimeOffset(2024, 5, 15, 16, 0, 0, TimeSpan.Zero), TimeLimits.EndOf(new DateOnly(2024, 5, 15)));

    private static CaseScenario Delivered_()
    {
        var s = CaseScenario.At(CaseStatus.Decided);
        s.Case.RecordDelivery(Delivered, "被问责人员及其所在党组织", "市委办公室", Later);
        return s;
    }

    private static AccountabilitySubject Appellant(CaseScenario s) => s.Case.Decision!.Measures.First(m => m.Subject.Kind == TargetKind.Cadre).Subject;

    [Fact]
    public void Appeal_OnTheLastDay_IsInTime()
    {
        var s = Delivered_();

        var appeal = s.Case.LodgeAppeal(Appellant(s), new DateOnly(2024, 5, 15), "认定事实有误", "市委办公室", Later);

        Assert.Equal(AppealStatus.Pending, appeal.Status);
        Assert.Equal(new DateOnly(2024, 5, 15), appeal.LastDay);
        Assert.Equal(new DateOnly(2024, 6, 15), appeal.AnswerLastDay);
    }

    [Fact]
    public void Appeal_TheDayAfter_IsRefusedAsLate_WithTheReason_AndKept()
    {
        var s = Delivered_();

        var appeal = s.Case.LodgeAppeal(Appellant(s), new DateOnly(2024, 5, 16), "认定事实有误", "市委办公室", Later);

        Assert.Equal(AppealStatus.RefusedAsLate, appeal.Status);
        Assert.Contains("2024-05-15", appeal.Answer);
        Assert.Contains("第二十条", appeal.Answer);
        Assert.Single(s.Case.Appeals);
        Assert.Throws<DomainException>(() => s.Case.DecideAppeal(appeal.Number, false, null, null, "维持", new DateOnly(2024, 5, 20), "市委", Later));
    }

    [Fact]
    public void Appeal_BeforeDelivery_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.Decided);

        Assert.Throws<DomainException>(() => s.Case.LodgeAppeal(Appellant(s), Delivered, "理由", "市委办公室", Later));
    }

    [Fact]
    public void Appeal_BySomeoneNotHeldAccountable_IsRefused()
    {
        var s = Delivered_();

        Assert.Throws<DomainException>(() => s.Case.LodgeAppeal(AccountabilitySubject.Cadre(s.Org.PrefectureOfficeHead), Delivered, "理由", "市委办公室", Later));
    }

    [Fact]
    public void Appeal_ThatChangesTheDecision_KeepsTheFirstDecision_AndExecutionIsNotSuspended()
    {
        var s = Delivered_();
        var appellant = Appellant(s);
        var first = s.Case.Decision!;
        var appeal = s.Case.LodgeAppeal(appellant, new DateOnly(2024, 5, 1), "情节较轻", "市委办公室", Later);

        // Execution is not suspended: the cadre management department acknowledges while the appeal is pending.
        s.Case.Acknowledge("干部主管部门", "已执行", Later);
        Assert.Equal(CaseStatus.Closed, s.Case.Status);

        var milder = new Measure(appellant, [AccountabilityForm.CirculatedCriticism], "申诉后改为通报");
        s.Case.DecideAppeal(appeal.Number, true, milder, null, "部分采纳申诉意见，改为通报。", new DateOnly(2024, 5, 20), "市委", Later);

        Assert.Equal(AppealStatus.Changed, s.Case.Appeals.Single().Status);
        Assert.Equal(first, s.Case.EarlierDecisions.Single());
        Assert.Equal(milder, s.Case.Decision!.Measures.Single(m => m.Subject == appellant));
        var restored = Case.Restore(CaseJson.Deserialize(s.Case.Json()));
        Assert.Equal(first.Measures.Select(m => (m.Subject, string.Join(",", m.Forms))), restored.EarlierDecisions.Single().Measures.Select(m => (m.Subject, string.Join(",", m.Forms))));
        Assert.Equal(AppealStatus.Changed, restored.Appeals.Single().Status);
    }

    [Fact]
    public void Appeal_WithdrawingTheMeasure_NeedsAnArticle17Ground()
    {
        var s = Delivered_();
        var appellant = Appellant(s);
        var appeal = s.Case.LodgeAppeal(appellant, new DateOnly(2024, 5, 1), "已提出保留意见", "市委办公室", Later);

        Assert.Throws<DomainException>(() => s.Case.DecideAppeal(appeal.Number, true, null, null, "撤销", new DateOnly(2024, 5, 20), "市委", Later));
        s.Case.DecideAppeal(appeal.Number, true, null, new DecisionGround(appellant, GroundKind.Exemption, "集体决策中提出保留意见"), "撤销问责", new DateOnly(2024, 5, 20), "市委", Later);

        Assert.DoesNotContain(s.Case.Decision!.Measures, m => m.Subject == appellant);
    }

    [Fact]
    public void Appeal_Upheld_LeavesTheDecision()
    {
        var s = Delivered_();
        var before = s.Case.Decision;
        var appeal = s.Case.LodgeAppeal(Appellant(s), new DateOnly(2024, 5, 1), "理由", "市委办公室", Later);

        s.Case.DecideAppeal(appeal.Number, false, null, null, "维持原决定。", new DateOnly(2024, 5, 20), "市委", Later);

        Assert.Same(before, s.Case.Decision);
        Assert.Empty(s.Case.EarlierDecisions);
    }

    [Fact]
    public void Delivery_BeforeTheDecisionDate_OrTwice_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.Decided);
        Assert.Throws<DomainException>(() => s.Case.RecordDelivery(s.Case.Decision!.DecidedOn.AddDays(-1), "本人", "市委办公室", Later));
        s.Case.RecordDelivery(Delivered, "本人", "市委办公室", Later);
        Assert.Throws<DomainException>(() => s.Case.RecordDelivery(Delivered, "本人", "市委办公室", Later));
    }

    [Fact]
    public void OrganisationalAdjustment_HasItsMonthFromDelivery()
    {
        var s = Delivered_();

        Assert.True(s.Case.InvolvesOrganisationalAdjustment); // the scenario decides 组织调整 for the security lead
        Assert.Equal(new DateOnly(2024, 5, 15), s.Case.AdjustmentLastDay);
        s.Case.CompleteOrganisationalAdjustment(new DateOnly(2024, 5, 10), "已办理免职手续", "市委组织部", Later);
        Assert.NotNull(s.Case.AdjustmentCompletion);
    }
}
