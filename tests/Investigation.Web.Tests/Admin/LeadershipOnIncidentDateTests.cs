using Investigation.Domain;
using Investigation.Domain.TraceBack;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Web.Tests.Admin;

/// <summary>
/// A case traces the leadership team in office on its incident's date: a change dated after the incident
/// keeps the earlier team on that case, one dated on or before it applies, and a change made once the case
/// runs never rewrites it.
/// </summary>
public sealed class LeadershipOnIncidentDateTests : IDisposable
{
    private readonly WebApp app = new();
    private static readonly Guid Office = DemoOrganisation.ProvincialGovernmentOffice.Value;
    private static readonly PersonId Newcomer = DemoOrganisation.Person("任静");

    public void Dispose() => app.Dispose();

    // The demo case happens at 2026-03-01 15:00 UTC, 23:00 in Beijing: the incident's date is 2026-03-01.
    private async Task<Guid> RegisterAsync() => (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;

    private Task ChangeTeamFromAsync(DateOnly from, PersonId mainLead) =>
        app.Script.SendAs("admin", new SetLeadershipTeam.Command(Office, mainLead.Value, CaseScript.SecurityLead.Value,
            [CaseScript.Member.Value, CaseScript.AbsentMember.Value], from));

    private Task<Domain.Cases.Case> CaseAsync(Guid id) =>
        app.ReadAsync(async db => (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id)).ToCase());

    [Fact]
    public async Task ChangeDatedAfterTheIncident_KeepsTheEarlierTeamOnThatCase()
    {
        var id = await RegisterAsync();
        await ChangeTeamFromAsync(new DateOnly(2026, 3, 2), Newcomer);

        await app.Script.AcceptAsync(id);

        var chain = (await CaseAsync(id)).Chain!;
        Assert.Equal([CaseScript.MainLead], chain[TraceBackLevel.MainLead].Subjects);
        Assert.Equal(new DateOnly(2026, 3, 1), chain.Applied!.IncidentDate);
        Assert.Contains(chain.Applied.Appointments, a => a.Person == CaseScript.MainLead && a.To == new DateOnly(2026, 3, 1));
        var page = await WebApp.PageAsync(await app.SignInAsync("caseofficer"), $"/Cases/Details/{id}");
        Assert.Contains("2026-03-01", page.QuerySelector(".applied-leadership summary")?.TextContent);
        Assert.Contains("之后任职的人员不倒查", page.QuerySelector(".applied-reason")?.TextContent);
        Assert.Contains(page.QuerySelectorAll(".applied-member"), m => m.TextContent.Contains("刘德明"));
    }

    [Fact]
    public async Task ChangeDatedOnOrBeforeTheIncident_Applies()
    {
        var id = await RegisterAsync();
        await ChangeTeamFromAsync(new DateOnly(2026, 3, 1), Newcomer);

        await app.Script.AcceptAsync(id);

        Assert.Equal([Newcomer], (await CaseAsync(id)).Chain![TraceBackLevel.MainLead].Subjects);
    }

    [Fact]
    public async Task ChangeOnceTheCaseRuns_NeverRewritesIt()
    {
        var id = await RegisterAsync();
        await app.Script.AcceptAsync(id);
        var before = await app.ReadAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Snapshot).SingleAsync());

        await ChangeTeamFromAsync(new DateOnly(2026, 2, 1), Newcomer);

        Assert.Equal(before, await app.ReadAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Snapshot).SingleAsync()));
        Assert.Equal([CaseScript.MainLead], (await CaseAsync(id)).Chain![TraceBackLevel.MainLead].Subjects);
    }
}
