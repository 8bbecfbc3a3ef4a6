using Investigation.Domain.Accountability;
using Investigation.Domain.Tests.Support;

namespace Investigation.Domain.Tests.Accountability;

/// <summary>The forms of the 2019 Accountability Regulations, Article 8: which fit an organisation, which a cadre.</summary>
public class MeasureTests
{
    private readonly DemoOrganisation org = new();

    private AccountabilitySubject Cadre => AccountabilitySubject.Cadre(org.SecurityLead);
    private AccountabilitySubject Organisation => AccountabilitySubject.Organisation(org.PowerCompany);

    [Theory]
    [InlineData(AccountabilityForm.Inspection)]
    [InlineData(AccountabilityForm.Reorganisation)]
    public void OrganisationForm_OnACadre_IsRefused(AccountabilityForm form)
    {
        var ex = Assert.Throws<DomainException>(() => new Measure(Cadre, [form], "负有责任"));

        Assert.Contains("not to a cadre", ex.Message);
        Assert.Contains(form.Name().En, ex.Message);
    }

    [Theory]
    [InlineData(AccountabilityForm.Admonishment)]
    [InlineData(AccountabilityForm.OrganisationalAdjustment)]
    [InlineData(AccountabilityForm.DisciplinarySanction)]
    public void CadreForm_OnAnOrganisation_IsRefused(AccountabilityForm form)
    {
        var ex = Assert.Throws<DomainException>(() => new Measure(Organisation, [form], "落实责任制不力"));

        Assert.Contains("not to a Party organisation", ex.Message);
    }

    [Fact]
    public void CirculatedCriticism_FitsBothKindsOfSubject()
    {
        Assert.Single(new Measure(Cadre, [AccountabilityForm.CirculatedCriticism], "负有责任").Forms);
        Assert.Single(new Measure(Organisation, [AccountabilityForm.CirculatedCriticism], "落实不力").Forms);
    }

    [Fact]
    public void CombinedForms_AreAccepted_OnceEach()
    {
        var measure = new Measure(Cadre,
            [AccountabilityForm.CirculatedCriticism, AccountabilityForm.OrganisationalAdjustment, AccountabilityForm.DisciplinarySanction, AccountabilityForm.CirculatedCriticism],
            "负有主要领导责任");

        Assert.Equal([AccountabilityForm.CirculatedCriticism, AccountabilityForm.OrganisationalAdjustment, AccountabilityForm.DisciplinarySanction], measure.Forms);
    }

    [Fact]
    public void CombinedOrganisationForms_AreAccepted()
    {
        var measure = new Measure(Organisation, [AccountabilityForm.Inspection, AccountabilityForm.Reorganisation], "班子软弱涣散");

        Assert.Equal(2, measure.Forms.Count);
    }

    [Fact]
    public void NoForm_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => new Measure(Cadre, [], "负有责任"));

        Assert.Contains("at least one form", ex.Message);
    }

    [Fact]
    public void Measure_WithoutReason_IsRefused_InBothLanguages()
    {
        var ex = Assert.Throws<DomainException>(() => new Measure(Cadre, [AccountabilityForm.Admonishment], " "));

        Assert.Equal(new BilingualText("问责措施的理由不能为空。", "The reason for the measure is required."), ex.Text);
    }

    [Fact]
    public void OrganisationForm_OnACadre_IsRefused_NamingTheFormInChinese()
    {
        var ex = Assert.Throws<DomainException>(() => new Measure(Cadre, [AccountabilityForm.Reorganisation], "负有责任"));

        Assert.StartsWith(AccountabilityForm.Reorganisation.Name().Zh + "适用于党组织，不适用于领导干部", ex.Text.Zh);
        Assert.Contains(ex.Text.En, ex.Message); // the log keeps both
        Assert.Contains(ex.Text.Zh, ex.Message);
    }

    [Fact]
    public void AllowedForms_FollowArticle8OfTheRegulations()
    {
        Assert.Equal([AccountabilityForm.Inspection, AccountabilityForm.CirculatedCriticism, AccountabilityForm.Reorganisation],
            AccountabilityForms.AllowedFor(TargetKind.Organisation));
        Assert.Equal([AccountabilityForm.CirculatedCriticism, AccountabilityForm.Admonishment, AccountabilityForm.OrganisationalAdjustment, AccountabilityForm.DisciplinarySanction],
            AccountabilityForms.AllowedFor(TargetKind.Cadre));
        Assert.Contains("检查、通报、改组", AccountabilityForms.Article8.Text.Zh);
        Assert.Equal(Citation.AccountabilityRegulations, AccountabilityForms.Article8.Source);
    }
}
