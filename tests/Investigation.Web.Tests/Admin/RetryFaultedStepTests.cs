using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Investigation.Web.Tests.Admin;

/// <summary>An administrator sees the faulted workflows of their units and retries the failed step once its cause is fixed.</summary>
public sealed class RetryFaultedStepTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task FaultedWorkflow_IsListedWithItsIncident_AndRetryAfterTheFixContinuesIt()
    {
        var deadlines = app.Services.GetRequiredService<IOptions<TaskDeadlines>>().Value;
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());
        await app.Script.AcceptAsync(registered.CaseId);
        deadlines.Days[TaskKinds.SecurityLeadFindings] = 0;
        await app.Script.RecordLevelAsync(registered.CaseId, TaskKinds.PartyConcernedFindings, Workflows.Demo.CaseScript.Operator);
        var admin = await app.SignInAsync("admin");

        var page = await WebApp.PageAsync(admin, "/Admin/Incidents");

        var row = page.QuerySelector($"main tbody tr[data-case-id='{registered.CaseId}']");
        Assert.NotNull(row);
        Assert.Contains(registered.Number, row.TextContent);
        Assert.Contains("Deadlines:Days:SecurityLeadFindings", row.QuerySelector(".message")?.TextContent);

        // Retrying before the fix faults again, and says so.
        var early = await admin.SubmitAsync("/Admin/Incidents", $"#retry-{registered.CaseId}");
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Contains("再次出错", (await WebApp.PageAsync(admin, "/Admin/Incidents")).QuerySelector("[role=status]")?.TextContent);
        Assert.NotNull((await WebApp.PageAsync(admin, "/Admin/Incidents")).QuerySelector($"main tbody tr[data-case-id='{registered.CaseId}']"));

        deadlines.Days[TaskKinds.SecurityLeadFindings] = 10;
        var retried = await admin.SubmitAsync("/Admin/Incidents", $"#retry-{registered.CaseId}");

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await WebApp.PageAsync(admin, "/Admin/Incidents");
        Assert.Contains("流程继续", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Null(after.QuerySelector($"main tbody tr[data-case-id='{registered.CaseId}']"));
        Assert.Equal(WorkflowStatus.Waiting, (await app.Script.SendAs("investigator", new GetCase.Query(registered.CaseId))).WorkflowStatus);
        Assert.Contains(await app.AuditAsync(), e => e.Action == "RetryFaultedStep" && e.CaseId == registered.CaseId && e.Actor == "admin");
    }

    [Fact]
    public async Task AnotherPrefecturesAdministrator_DoesNotSeeTheIncident()
    {
        const string password = "Anping-Admin-2026#";
        var deadlines = app.Services.GetRequiredService<IOptions<TaskDeadlines>>().Value;
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "另一起事件");
        await app.Script.AcceptAsync(registered.CaseId);
        deadlines.Days[TaskKinds.SecurityLeadFindings] = 0;
        await app.Script.RecordLevelAsync(registered.CaseId, TaskKinds.PartyConcernedFindings, Workflows.Demo.CaseScript.Operator);
        deadlines.Days[TaskKinds.SecurityLeadFindings] = 10;
        await (await app.SignInAsync("admin")).CreateUserAsync("admin-anping", Workflows.Demo.DemoOrganisation.Anping.Value, password, Workflows.Identity.Roles.Administrator);
        var anpingAdmin = await app.SignInAsync("admin-anping", password);

        var page = await WebApp.PageAsync(anpingAdmin, "/Admin/Incidents");
        var token = page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var retry = await anpingAdmin.PostAsync("/Admin/Incidents?handler=Retry", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["caseId"] = registered.CaseId.ToString(),
        }));

        Assert.DoesNotContain(registered.Number, page.QuerySelector("main table")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(WorkflowStatus.Faulted, (await app.Script.SendAs("investigator", new GetCase.Query(registered.CaseId))).WorkflowStatus);
    }
}
