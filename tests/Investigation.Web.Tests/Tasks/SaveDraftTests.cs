using System.Net;
using System.Text.Json;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Tasks;

/// <summary>Save-draft (SaveDraft, DiscardDraft) on the server: per task and user, read by the saver only, gone when the task moves on.</summary>
public sealed class SaveDraftTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly string Values = JsonSerializer.Serialize(new Dictionary<string, string[]>
    {
        ["RecordFindings.Findings[0].Facts"] = ["暂存：值班记录显示三月一日八时三十分后无人报告。"],
        ["RecordFindings.Findings[0].Responsible"] = ["true"],
    });

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid task, string values, HttpClient? tokenFrom = null)
    {
        // A user who cannot open the task takes a valid token from a page of their own (the sign-out form on every page).
        var page = await WebApp.PageAsync(tokenFrom ?? client, tokenFrom is null ? TaskForms.Url(task) : "/Tasks");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync($"{TaskForms.Url(task)}?handler=SaveDraft",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("values", values)]));
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;

    private async Task<Guid> Level1TaskAsync(string title)
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title)).CaseId;
        await app.Script.AcceptAsync(id);
        return await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
    }

    private async Task<int> DraftsAsync(Guid task)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Set<TaskDraft>().CountAsync(d => d.TaskId == task);
    }

    [Fact]
    public async Task SaveDraft_IsRestoredForTheSaverOnly_OnAnyClient_AndAnotherUnitGets404()
    {
        var task = await Level1TaskAsync("暂存恢复");
        var investigator = await app.SignInAsync("investigator");

        var saved = await SaveAsync(investigator, task, Values);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("已暂存", await MessageAsync(saved));
        // Another sign-in (another computer): the page brings the draft back, with its time and a way to discard it.
        var elsewhere = await app.SignInAsync("investigator");
        var page = await WebApp.PageAsync(elsewhere, TaskForms.Url(task));
        var restored = page.QuerySelector("#draft-restored")!;
        Assert.Equal(Values, restored.GetAttribute("data-values"));
        Assert.Contains("已恢复 2026/3/2 09:00 暂存的内容", restored.TextContent);
        Assert.NotNull(restored.QuerySelector("form[action*='handler=DiscardDraft'] button"));

        // A team member who may work the same task does not see it.
        var colleague = await app.SignInAsync("investigator2");
        Assert.Null((await WebApp.PageAsync(colleague, TaskForms.Url(task))).QuerySelector("#draft-restored"));
        // Another prefecture: neither the task nor a way to save one; nothing is written.
        var outsider = await app.SignInAsync("investigator-anping");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(TaskForms.Url(task))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(outsider, task, Values, tokenFrom: outsider)).StatusCode);
        Assert.Equal(1, await DraftsAsync(task));

        // Discarded: gone.
        var form = await WebApp.FormAsync(investigator, TaskForms.Url(task), "#draft-restored form");
        var discarded = await investigator.PostAsync(form.Action, WebApp.Fields(form, []));
        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Null((await WebApp.PageAsync(investigator, TaskForms.Url(task))).QuerySelector("#draft-restored"));
        Assert.Equal(0, await DraftsAsync(task));
    }

    [Theory]
    [InlineData("too long", "暂存内容过长")]
    [InlineData("not json", "格式不正确")]
    public async Task SaveDraft_TooLongOrMalformed_IsRefusedWithAMessage_AndKeepsNothing(string kind, string message)
    {
        var task = await Level1TaskAsync("暂存过长");
        var investigator = await app.SignInAsync("investigator");
        var values = kind == "too long"
            ? JsonSerializer.Serialize(new Dictionary<string, string[]> { ["RecordFindings.Findings[0].Facts"] = [new string('事', SaveDraft.MaxLength)] })
            : "{not json";

        var refused = await SaveAsync(investigator, task, values);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var said = await MessageAsync(refused);
        Assert.Contains(message, said);
        if (kind == "too long") Assert.DoesNotContain("格式不正确", said); // one message for one fault
        Assert.Equal(0, await DraftsAsync(task));
    }

    [Fact]
    public async Task SaveDraft_OfATaskSomeoneElseHolds_IsRefused403()
    {
        var task = await Level1TaskAsync("暂存他人任务");
        await app.Script.SendAs("investigator2", new ClaimTask.Command(task));
        var investigator = await app.SignInAsync("investigator");

        var refused = await SaveAsync(investigator, task, Values, tokenFrom: investigator);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("investigator2", await MessageAsync(refused));
        Assert.Equal(0, await DraftsAsync(task));
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("release")]
    [InlineData("reassign")]
    [InlineData("complete")]
    public async Task Draft_SurvivesAClaim_AndGoesWhenTheTaskIsReleasedReassignedOrCompleted(string step)
    {
        var task = await Level1TaskAsync($"暂存随任务：{step}");
        await app.Script.SendAs("investigator", new ClaimTask.Command(task));
        var investigator = await app.SignInAsync("investigator");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(investigator, task, Values)).StatusCode);

        switch (step)
        {
            case "claim": await app.Script.SendAs("investigator", new ClaimTask.Command(task)); break;
            case "release": await app.Script.SendAs("investigator", new ReleaseTask.Command(task)); break;
            case "reassign": await app.Script.SendAs("investigator", new ReassignTask.Command(task, "investigator2", "出差，转交组员。")); break;
            default:
                await app.Script.SendAs("investigator", new RecordFindings.Command(task,
                    [new(Investigation.Workflows.Demo.CaseScript.Operator.Value, false, "已按制度履行职责。", ["值班记录"], null, "有证据表明已按规定履职。")]));
                break;
        }

        Assert.Equal(step == "claim" ? 1 : 0, await DraftsAsync(task));
    }
}
