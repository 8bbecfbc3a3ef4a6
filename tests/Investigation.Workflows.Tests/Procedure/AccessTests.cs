using FluentValidation;
using Investigation.Domain.Cases;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>
/// A user sees the cases of their unit and the units below it; from another unit a case does not
/// exist. The wrong role is refused. Bad input is refused with field messages and writes nothing.
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private AppHost app = null!;
    private Guid caseId;

    public async Task InitializeAsync()
    {
        app = await AppHost.StartAsync();
        caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(caseId);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("caseofficer-anping")]
    [InlineData("investigator-linchuan")]
    public async Task UserOfAnotherUnit_GetsNotFound_ForTheCaseItsTasksAndItsDiagram(string outsider)
    {
        var task = await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator");

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs(outsider, new GetCase.Query(caseId)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs(outsider, new GetProcessDiagram.Query(caseId)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs(outsider, new ClaimTask.Command(task)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs(outsider, new RecordFindings.Command(task,
            [new(CaseScript.Operator.Value, true, "事实", ["证据"])])));
        Assert.Empty((await app.SendAs(outsider, new GetInbox.Query(CaseId: caseId))).Items);
    }

    [Fact]
    public async Task NotFound_ForAnotherUnitsCase_SaysTheSameAsForACaseThatDoesNotExist()
    {
        var hidden = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("caseofficer-anping", new GetCase.Query(caseId)));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("caseofficer-anping", new GetCase.Query(Guid.NewGuid())));

        Assert.Equal(missing.Message, hidden.Message);
    }

    [Fact]
    public async Task UserAboveTheUnit_SeesTheCasesOfTheUnitsBelow()
    {
        var linchuanCase = await app.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.QingshiGovernment.Value,
            "县政府网站数据泄露", "县政府网站后台数据库遭拖库。", app.Clock.GetUtcNow().AddHours(-3),
            new IncidentFactsInput { DataLeak = new(false, true, false, 120_000) }));

        Assert.Equal(CaseStatus.Registered, (await app.SendAs("caseofficer", new GetCase.Query(linchuanCase.CaseId))).Case.Status);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("caseofficer-anping", new GetCase.Query(linchuanCase.CaseId)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("caseofficer-linchuan", new GetCase.Query(caseId)));
    }

    [Fact]
    public async Task RegisterIncident_InAUnitThatIsNotTheUsers_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("caseofficer-anping", new RegisterIncident.Command(
            DemoOrganisation.ProvincialGovernmentOffice.Value, "x", "y", app.Clock.GetUtcNow(), new IncidentFactsInput { Obstruction = new(true, false) })));

        Assert.Contains(ex.Errors, e => e.PropertyName == "UnitId");
    }

    [Fact]
    public async Task TaskOfAnotherRole_IsForbidden_AndChangesNothing()
    {
        var task = await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator");

        var ex = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("caseofficer", new RecordFindings.Command(task,
            [new(CaseScript.Operator.Value, true, "事实", ["证据"])])));

        Assert.Contains("Investigator", ex.Message);
        Assert.Empty((await app.SendAs("caseofficer", new GetCase.Query(caseId))).Case.Chain![Domain.TraceBack.TraceBackLevel.PartyConcerned].Findings);
    }

    [Fact]
    public async Task InvestigatorOutsideTheTeam_CannotWorkOnTheCase()
    {
        await app.Read(async db =>
        {
            var user = new Workflows.Data.Entities.AppUser { UserName = "investigator3", UnitId = DemoOrganisation.Province.Value, SecurityStamp = "x" };
            db.Users.Add(user);
            db.UserRoles.Add(new() { UserId = user.Id, RoleId = db.Roles.Single(r => r.Name == Identity.Roles.Investigator).Id });
            return await db.SaveChangesAsync();
        });
        var task = await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator");

        var ex = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("investigator3", new RecordFindings.Command(task,
            [new(CaseScript.Operator.Value, true, "事实", ["证据"])])));

        Assert.Contains("investigation team", ex.Message);
    }

    [Fact]
    public async Task InvalidFindings_AreRefusedWithFieldMessages_AndNothingIsWritten()
    {
        var task = await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator");
        var auditBefore = await app.Read(db => db.AuditEntries.CountAsync());

        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("investigator", new RecordFindings.Command(task,
            [new(CaseScript.Operator.Value, false, "", [" "])])));

        Assert.Contains(ex.Errors, e => e.PropertyName == "Findings[0].Facts");
        Assert.Contains(ex.Errors, e => e.PropertyName == "Findings[0].Evidence");
        Assert.Contains(ex.Errors, e => e.PropertyName == "Findings[0].ReasonNotResponsible");
        Assert.Equal(auditBefore, await app.Read(db => db.AuditEntries.CountAsync()));
        Assert.Equal(Workflows.Runtime.Persistence.HumanTaskStatus.Open, (await app.Read(db => db.HumanTasks.SingleAsync(t => t.Id == task))).Status);
    }

    [Fact]
    public async Task DomainRefusal_InsideTheTransaction_WritesNothing()
    {
        // Level 2's finding must be about the security lead; naming someone else is refused by the chain.
        await app.Script.RecordLevelAsync(caseId, TaskKinds.PartyConcernedFindings, CaseScript.Operator);
        var task = await app.Script.TaskAsync(caseId, TaskKinds.SecurityLeadFindings, "investigator");
        var auditBefore = await app.Read(db => db.AuditEntries.CountAsync());

        await Assert.ThrowsAsync<Domain.DomainException>(() => app.SendAs("investigator", new RecordFindings.Command(task,
            [new(CaseScript.MainLead.Value, true, "事实", ["证据"])])));

        Assert.Equal(auditBefore, await app.Read(db => db.AuditEntries.CountAsync()));
        Assert.Equal(Workflows.Runtime.Persistence.HumanTaskStatus.Open, (await app.Read(db => db.HumanTasks.SingleAsync(t => t.Id == task))).Status);
        Assert.Equal(0, await app.Read(db => db.HumanTasks.CountAsync(t => t.Kind == TaskKinds.MainLeadFindings)));
    }

    [Fact]
    public async Task Acceptance_WithATeamOfOne_IsRefused()
    {
        var other = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "另案")).CaseId;
        var task = await app.Script.TaskAsync(other, TaskKinds.Acceptance, "caseofficer");

        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("caseofficer", new CompleteAcceptance.Command(task, true, "investigator", [], null)));

        Assert.Contains(ex.Errors, e => e.PropertyName == "Members");
    }
}
