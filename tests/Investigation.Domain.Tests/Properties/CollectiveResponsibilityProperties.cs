using FsCheck;
using FsCheck.Fluent;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Properties;

/// <summary>Article 9 under collective responsibility, for any team and any participation and dissent.</summary>
public class CollectiveResponsibilityProperties
{
    /// <summary>A team shape and a decision: which members took part, which dissented, who is the party concerned.</summary>
    public sealed record Shape(int OtherMembers, bool OneLeadForBoth, int ParticipationMask, int DissentMask,
        int PartyConcernedIndex, bool SecurityLeadResponsible, bool MainLeadResponsible, bool CoordinationIneffective)
    {
        public override string ToString() =>
            $"others={OtherMembers} oneLead={OneLeadForBoth} took part={Convert.ToString(ParticipationMask, 2)} dissent={Convert.ToString(DissentMask, 2)} party#{PartyConcernedIndex} l2={SecurityLeadResponsible} l3={MainLeadResponsible} l4={CoordinationIneffective}";
    }

    private static readonly Gen<bool> Bool = Gen.Elements(true, false);

    private static readonly Gen<Shape> Shapes =
        from others in Gen.Choose(0, 5)
        from oneLead in Bool
        from participation in Gen.Choose(0, 127)
        from dissent in Gen.Choose(0, 127)
        from party in Gen.Choose(0, 8)
        from l2 in Bool
        from l3 in Bool
        from l4 in Bool
        select new Shape(others, oneLead, participation, dissent, party, l2, l3, l4);

    private static IReadOnlyList<PersonResponsibility> Derive(Shape shape, out LeadershipTeam team, out DecisionRecord decision)
    {
        var org = new DemoOrganisation();
        var unit = org.AddUnit(org.Prefecture, "市数据局", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture);
        var main = org.AddPerson(unit, "书记");
        var security = shape.OneLeadForBoth ? main : org.AddPerson(unit, "分管领导");
        var others = Enumerable.Range(1, shape.OtherMembers).Select(i => org.AddPerson(unit, $"成员{i}")).ToList();
        var staff = org.AddPerson(unit, "工作人员");
        team = new LeadershipTeam(main, security, others);
        org.Tree.SetLeadership(unit, team);

        var members = team.Members.ToList();
        var participants = members.Where((_, i) => (shape.ParticipationMask >> i & 1) == 1).ToList();
        if (participants.Count == 0) participants.Add(main);
        var dissenters = participants.Where((_, i) => (shape.DissentMask >> i & 1) == 1).ToList();
        decision = new DecisionRecord(true, participants, dissenters, "班子会议集体决定");

        // The party concerned is a team member or a member of staff.
        var candidates = members.Append(staff).ToList();
        var partyConcerned = candidates[shape.PartyConcernedIndex % candidates.Count];
        var chain = TraceBackChain.Start(org.Tree, unit, new DateOnly(2026, 3, 1));
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(partyConcerned)]);
        chain.RecordFindings(TraceBackLevel.SecurityLead, [shape.SecurityLeadResponsible ? Responsible(security) : NotResponsible(security)]);
        chain.RecordFindings(TraceBackLevel.MainLead, [shape.MainLeadResponsible ? Responsible(main) : NotResponsible(main)]);
        chain.AssessCoordination(org.Tree, new CoordinationAssessment(shape.CoordinationIneffective, false, "评估"));
        if (shape.CoordinationIneffective)
            chain.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(org.PrefectureOfficeHead)]);

        return Article9.Derive(chain, team, decision);
    }

    [Fact]
    public void EveryTeamMember_GetsExactlyOneEntry_WhateverSubsetTakesPartAndDissents()
    {
        Prop.ForAll(Arb.From(Shapes), shape =>
        {
            var result = Derive(shape, out var team, out _);
            return team.Members.All(m => result.Count(r => r.Person == m) == 1)
                && result.Select(r => r.Person).Distinct().Count() == result.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OtherMembersWithoutAFinding_AreImportantIfTheyTookPart_AndNoneOtherwise_AndDissentIsFlaggedOnParticipantsOnly()
    {
        Prop.ForAll(Arb.From(Shapes), shape =>
        {
            var result = Derive(shape, out var team, out var decision);
            var untraced = result.Where(r => r.Level is null).ToList();
            return untraced.All(r => team.OtherMembers.Contains(r.Person))
                && untraced.All(r => r.Derived == (decision.Participants.Contains(r.Person) ? ResponsibilityKind.ImportantLeadership : ResponsibilityKind.None))
                && result.All(r => r.Dissented == decision.Dissenters.Contains(r.Person))
                && result.Where(r => r.Dissented).All(r => decision.Participants.Contains(r.Person));
        }).QuickCheckThrowOnFailure();
    }
}
