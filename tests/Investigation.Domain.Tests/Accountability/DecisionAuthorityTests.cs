using Investigation.Domain.Accountability;
using Investigation.Domain.Tests.Support;

namespace Investigation.Domain.Tests.Accountability;

/// <summary>Article 9, second paragraph: only the Party organisation with management authority decides.</summary>
public class DecisionAuthorityTests
{
    private readonly DemoOrganisation org = new();

    [Fact]
    public void CadresManagingOrganisation_MayDecide()
    {
        var subject = AccountabilitySubject.Cadre(org.SecurityLead);

        Assert.Equal(org.Prefecture, DecisionAuthority.ManagingOrganisationOf(org.Tree, subject));
        Assert.True(DecisionAuthority.MayDecide(org.Tree, org.Prefecture, subject));
        DecisionAuthority.EnsureMayDecide(org.Tree, org.Prefecture, subject);
    }

    [Fact]
    public void AnotherOrganisation_EvenOneHigherUp_MayNotDecide_AndTheMessageNamesWhoMay()
    {
        var subject = AccountabilitySubject.Cadre(org.SecurityLead);

        Assert.False(DecisionAuthority.MayDecide(org.Tree, org.Province, subject));
        var ex = Assert.Throws<DomainException>(() => DecisionAuthority.EnsureMayDecide(org.Tree, org.Province, subject));
        Assert.Contains("省委 has no management authority", ex.Message);
        Assert.Contains("only 市委 may decide", ex.Message);
    }

    [Fact]
    public void StaffManagedByTheirUnit_AreDecidedByTheUnit_NotByTheRegion()
    {
        var subject = AccountabilitySubject.Cadre(org.Operator);

        Assert.True(DecisionAuthority.MayDecide(org.Tree, org.PowerCompany, subject));
        Assert.False(DecisionAuthority.MayDecide(org.Tree, org.Prefecture, subject));
    }

    [Fact]
    public void OrganisationSubject_IsDecidedByTheRegionAbove()
    {
        Assert.Equal(org.Prefecture, DecisionAuthority.ManagingOrganisationOf(org.Tree, AccountabilitySubject.Organisation(org.PowerCompany)));
        Assert.Equal(org.Prefecture, DecisionAuthority.ManagingOrganisationOf(org.Tree, AccountabilitySubject.Organisation(org.County)));
        Assert.Equal(org.County, DecisionAuthority.ManagingOrganisationOf(org.Tree, AccountabilitySubject.Organisation(org.CountyNewsCentre)));
        Assert.Equal(org.Province, DecisionAuthority.ManagingOrganisationOf(org.Tree, AccountabilitySubject.Organisation(org.Prefecture)));
    }

    [Fact]
    public void OrganisationSubject_CannotBeDecidedByItself()
    {
        Assert.False(DecisionAuthority.MayDecide(org.Tree, org.PowerCompany, AccountabilitySubject.Organisation(org.PowerCompany)));
    }

    [Fact]
    public void RootOrganisation_HasNoManagingOrganisationOnRecord()
    {
        Assert.Throws<DomainException>(() =>
            DecisionAuthority.ManagingOrganisationOf(org.Tree, AccountabilitySubject.Organisation(org.Province)));
    }
}
