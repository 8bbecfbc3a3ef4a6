using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Responsibility;

/// <summary>Article 9: collective and individual responsibility derived from the findings and the decision at fault.</summary>
public class Article9Tests
{
    private readonly DemoOrganisation org = new();

    private TraceBackChain CompleteChain(Finding? level1 = null, Finding? level2 = null, Finding? level3 = null)
    {
        var chain = TraceBackChain.Start(org.Tree, org.PowerCompany, new DateOnly(2026, 3, 1));
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [level1 ?? Responsible(org.Operator)]);
        chain.RecordFindings(TraceBackLevel.SecurityLead, [level2 ?? Responsible(org.SecurityLead)]);
        chain.RecordFindings(TraceBackLevel.MainLead, [level3 ?? Responsible(org.MainLead)]);
        chain.AssessCoordination(org.Tree, Effective);
        return chain;
    }

    private DecisionRecord Collective(IEnumerable<PersonId> participants, IEnumerable<PersonId>? dissenters = null) =>
        new(true, participants.ToList(), (dissenters ?? []).ToList(), "党委会决定推迟安全加固");

    private IReadOnlyList<PersonResponsibility> Derive(DecisionRecord decision, TraceBackChain? chain = null) =>
        Article9.Derive(chain ?? CompleteChain(), org.PowerCompanyTeam, decision);

    private static PersonResponsibility Of(IEnumerable<PersonResponsibility> all, PersonId person) => all.Single(r => r.Person == person);

    // ---- collective responsibility ----

    [Fact]
    public void Collective_MainLeadAndSecurityLead_BearMainLeadershipResponsibility()
    {
        var result = Derive(Collective([org.MainLead, org.SecurityLead, org.Deputy1]));

        Assert.Equal(ResponsibilityKind.MainLeadership, Of(result, org.MainLead).Derived);
        Assert.Equal(ResponsibilityKind.MainLeadership, Of(result, org.SecurityLead).Derived);
        Assert.Equal(Article9.Collective, Of(result, org.MainLead).Citation);
        Assert.Contains("集体决策", Of(result, org.SecurityLead).DerivationReason.Zh);
    }

    [Fact]
    public void Collective_OtherMemberWhoTookPart_BearsImportantLeadershipResponsibility()
    {
        var deputy1 = Of(Derive(Collective([org.MainLead, org.SecurityLead, org.Deputy1])), org.Deputy1);

        Assert.Equal(ResponsibilityKind.ImportantLeadership, deputy1.Derived);
        Assert.Null(deputy1.Level);
        Assert.Equal(Article9.Collective, deputy1.Citation);
    }

    [Fact]
    public void Collective_OtherMemberWhoDidNotTakePart_BearsNone_WithTheReason()
    {
        var deputy2 = Of(Derive(Collective([org.MainLead, org.SecurityLead, org.Deputy1])), org.Deputy2);

        Assert.Equal(ResponsibilityKind.None, deputy2.Derived);
        Assert.Contains("未参与相关工作决策", deputy2.DerivationReason.Zh);
        Assert.Contains("Did not take part", deputy2.DerivationReason.En);
    }

    [Fact]
    public void Collective_PartyConcernedOutsideTheTeam_StillBearsDirectResponsibility()
    {
        var result = Derive(Collective([org.MainLead, org.SecurityLead]));

        Assert.Equal(ResponsibilityKind.Direct, Of(result, org.Operator).Derived);
    }

    [Fact]
    public void Collective_Dissenter_IsFlaggedButStillDerived()
    {
        var result = Derive(Collective([org.MainLead, org.SecurityLead, org.Deputy1], dissenters: [org.Deputy1, org.SecurityLead]));

        var deputy1 = Of(result, org.Deputy1);
        Assert.True(deputy1.Dissented);
        Assert.Equal(ResponsibilityKind.ImportantLeadership, deputy1.Derived);
        var security = Of(result, org.SecurityLead);
        Assert.True(security.Dissented);
        Assert.Equal(ResponsibilityKind.MainLeadership, security.Derived);
        Assert.False(Of(result, org.MainLead).Dissented);
    }

    [Fact]
    public void Collective_DissenterWhoDidNotTakePart_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => Collective([org.MainLead, org.SecurityLead], dissenters: [org.Deputy2]));

        Assert.Contains("took part", ex.Message);
    }

    [Fact]
    public void Collective_WithoutParticipants_IsRefused()
    {
        Assert.Throws<DomainException>(() => Collective([]));
    }

    [Fact]
    public void Collective_ParticipantOutsideTheTeam_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => Derive(Collective([org.MainLead, org.Operator])));

        Assert.Contains("Only members of the leadership team", ex.Message);
    }

    [Fact]
    public void Collective_EveryTeamMemberAndEveryTracedPerson_GetsExactlyOneEntry()
    {
        var result = Derive(Collective([org.MainLead, org.Deputy2]));

        Assert.Equal(result.Count, result.Select(r => r.Person).Distinct().Count());
        Assert.Equal(
            new[] { org.Operator, org.SecurityLead, org.MainLead, org.Deputy1, org.Deputy2 }.ToHashSet(),
            result.Select(r => r.Person).ToHashSet());
    }

    [Fact]
    public void Collective_MainLeadFoundNotResponsible_BearsNone_WithTheFindingsReason()
    {
        var result = Derive(Collective([org.MainLead, org.SecurityLead]),
            CompleteChain(level3: NotResponsible(org.MainLead, "会上明确要求整改并有记录")));

        var main = Of(result, org.MainLead);
        Assert.Equal(ResponsibilityKind.None, main.Derived);
        Assert.Contains("会上明确要求整改并有记录", main.DerivationReason.Zh);
        Assert.Contains("会上明确要求整改并有记录", main.DerivationReason.En);
    }

    // ---- individual responsibility ----

    [Fact]
    public void Individual_PartyConcernedIsDirect_AndTheLeadsBearMainLeadership()
    {
        var result = Derive(DecisionRecord.Individual("值班员未按规程处置告警"));

        var party = Of(result, org.Operator);
        Assert.Equal(ResponsibilityKind.Direct, party.Derived);
        Assert.Equal(TraceBackLevel.PartyConcerned, party.Level);
        // The party concerned's direct responsibility cites the paragraph that traces them, not a text about leadership.
        Assert.Equal(Article9.PartyConcerned, party.Citation);
        Assert.Equal(Article9.Individual, Of(result, org.SecurityLead).Citation);
        Assert.Equal(ResponsibilityKind.MainLeadership, Of(result, org.SecurityLead).Derived);
        Assert.Equal(ResponsibilityKind.MainLeadership, Of(result, org.MainLead).Derived);
    }

    [Fact]
    public void Individual_OtherMembersOfTheTeam_AreNotListed()
    {
        var result = Derive(DecisionRecord.Individual("个人违规操作"));

        Assert.DoesNotContain(result, r => r.Person == org.Deputy1 || r.Person == org.Deputy2);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public void Individual_NotResponsibleFinding_GivesNone_WithTheFindingsReason()
    {
        var result = Derive(DecisionRecord.Individual("个人违规操作"),
            CompleteChain(level2: NotResponsible(org.SecurityLead, "已多次书面督促整改")));

        var security = Of(result, org.SecurityLead);
        Assert.Equal(ResponsibilityKind.None, security.Derived);
        Assert.Contains("已多次书面督促整改", security.DerivationReason.Zh);
        Assert.Equal(Article9.FactsFirst, security.Citation);
    }

    [Fact]
    public void Individual_DissentIsNotRecorded()
    {
        Assert.Throws<DomainException>(() => new DecisionRecord(false, [org.MainLead], [org.MainLead], "个人决定"));
    }

    [Fact]
    public void Individual_HeadTracedAtLevel4_BearsMainLeadership()
    {
        var chain = TraceBackChain.Start(org.Tree, org.PowerCompany, new DateOnly(2026, 3, 1));
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);
        chain.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(org.SecurityLead)]);
        chain.RecordFindings(TraceBackLevel.MainLead, [Responsible(org.MainLead)]);
        chain.AssessCoordination(org.Tree, new CoordinationAssessment(false, true, "监管部门未督促整改"));
        chain.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(org.EnergyRegulatorHead)]);

        var head = Of(Derive(DecisionRecord.Individual("个人违规"), chain), org.EnergyRegulatorHead);

        Assert.Equal(ResponsibilityKind.MainLeadership, head.Derived);
        Assert.Equal(TraceBackLevel.CoordinatingSupervisingHead, head.Level);
        Assert.Contains("协调监管不力", head.DerivationReason.Zh);
    }

    // ---- preconditions and overrides ----

    [Fact]
    public void Derive_BeforeTheChainIsComplete_IsRefused()
    {
        var chain = TraceBackChain.Start(org.Tree, org.PowerCompany, new DateOnly(2026, 3, 1));
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);

        var ex = Assert.Throws<DomainException>(() => Derive(DecisionRecord.Individual("个人违规"), chain));
        Assert.Contains("every level", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Override_WithoutReason_IsRefused(string reason)
    {
        var entry = Of(Derive(DecisionRecord.Individual("个人违规")), org.Operator);

        var ex = Assert.Throws<DomainException>(() => entry.OverrideWith(ResponsibilityKind.None, reason, "investigator-a", T0));

        Assert.Contains("written reason", ex.Message);
        Assert.False(entry.IsOverridden);
    }

    [Fact]
    public void Override_KeepsTheDerivationNextToIt()
    {
        var entry = Of(Derive(DecisionRecord.Individual("个人违规")), org.Operator);
        var reason = entry.DerivationReason;

        entry.OverrideWith(ResponsibilityKind.ImportantLeadership, " 系受指派执行 ", "investigator-a", T0);

        Assert.Equal(ResponsibilityKind.Direct, entry.Derived);
        Assert.Equal(reason, entry.DerivationReason);
        Assert.Equal(ResponsibilityKind.ImportantLeadership, entry.Effective);
        Assert.Equal("系受指派执行", entry.Override!.Reason);
        Assert.Equal("investigator-a", entry.Override.By);

        entry.ClearOverride();
        Assert.Equal(ResponsibilityKind.Direct, entry.Effective);
    }
}
