using System.Text.Json;
using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>A task being completed, with its case loaded into the session.</summary>
public sealed record OpenStep(HumanTask Task, CaseRecord Record, Case Case, OrganisationTree Organisation);

/// <summary>
/// What completing any kind of task has in common: find the task (or say it does not exist), check
/// the actor may take it, load its case; then store the case and resume the workflow with the outcome.
/// </summary>
public sealed class TaskStep(InvestigationDbContext db, Access access, CaseSession session, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
{
    public Actor Actor => access.Actor;

    public async Task<OpenStep> BeginAsync(Guid taskId, IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        // On PostgreSQL two nodes may work one task at once. The task's row is locked first, so that the
        // second waits for the first to commit and then reads the task and its case as they are after it
        // (the task done: a conflict), never the task before and the case after (a rule refusal instead of
        // a 409). SQLite has one writer at a time already.
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM wf_human_tasks WHERE \"Id\" = {taskId} FOR UPDATE", ct);
        var task = await FindVisibleAsync(db, access, taskId, ct);
        if (!kinds.Contains(task.Kind))
            throw new FluentValidation.ValidationException(Say.T(
                $"这是“{TaskKinds.Of(task.Kind).Name.Zh}”任务，不能按“{string.Join("”或“", kinds.Select(k => TaskKinds.Of(k).Name.Zh))}”办理。",
                $"This is a {task.Kind} task; it cannot be completed as {string.Join(" or ", kinds)}."));
        var caseId = Guid.TryParse(task.CorrelationId, out var id) ? id : Guid.Empty;
        var record = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("此任务所属的案件", "The case of this task");
        var c = record.ToCase();
        EnsureCanWork(task, Actor, c);
        session.Case = c;
        audit.CaseId = record.Id;
        return new(task, record, c, await access.OrganisationAsync(ct));
    }

    /// <summary>Saves the case and resumes the workflow waiting on the task; the pipeline commits both.</summary>
    public async Task CompleteAsync(OpenStep step, string outcome, object payload, CancellationToken ct)
    {
        await runtime.ResumeAsync(db, Stimulus.ForTask(step.Task.Id, outcome, JsonSerializer.SerializeToElement(payload, WorkflowJson.Options), Actor.UserName), ct);
        // After the resume: activities may have moved the case on (the join completes the trace-back).
        step.Record.Store(step.Case, clock.GetUtcNow());
    }

    public static async Task<HumanTask> FindVisibleAsync(InvestigationDbContext db, Access access, Guid taskId, CancellationToken ct)
    {
        var task = await db.HumanTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !Guid.TryParse(task.UnitId, out var unit) || !await access.CanSeeUnitAsync(unit, ct))
            throw new NotFoundException("该任务", "The task");
        return task;
    }

    /// <summary>The case a task belongs to, read only: for the rules that depend on it (the investigation team) when the task is not being completed.</summary>
    public static async Task<Case?> CaseOfAsync(InvestigationDbContext db, HumanTask task, CancellationToken ct) =>
        Guid.TryParse(task.CorrelationId, out var id)
        && await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Snapshot).FirstOrDefaultAsync(ct) is { } snapshot
            ? Case.Restore(CaseJson.Deserialize(snapshot))
            : null;

    /// <summary>
    /// Why the actor cannot work the task, or None: the one place these rules live, used when a task
    /// is completed or claimed and when its page decides whether to show the form.
    /// </summary>
    public static TaskRefusal RefusalOf(HumanTask task, Actor actor, Case? c = null) =>
        task.Status != HumanTaskStatus.Open ? TaskRefusal.Closed
        : !actor.IsIn(task.CandidateRole) ? TaskRefusal.WrongRole
        : task.AssigneeId is { } assignee && assignee != actor.UserName ? TaskRefusal.AssignedToOther
        : TaskKinds.Of(task.Kind).Role == Roles.Investigator && c?.Team is { } team && !team.Includes(actor.UserName) ? TaskRefusal.NotOnTeam
        : task.Kind == TaskKinds.ReviewApproval && c?.NotTheEndorser(actor.UserName) is not null ? TaskRefusal.OwnEndorsement
        : TaskRefusal.None;

    public static void EnsureCanWork(HumanTask task, Actor actor, Case? c = null)
    {
        switch (RefusalOf(task, actor, c))
        {
            case TaskRefusal.Closed:
                throw task.CompletedBy is { } by
                    ? new ConflictException($"此任务已于 {task.CompletedAt:u} 由 {by} 办结（{StatusName(task.Status).Zh}）。未作任何修改。",
                        $"This task was already {task.Status.ToString().ToLowerInvariant()} by {by} at {task.CompletedAt:u}. Nothing was changed.")
                    : new ConflictException($"此任务{StatusName(task.Status).Zh}。未作任何修改。",
                        $"This task is {task.Status.ToString().ToLowerInvariant()}. Nothing was changed.");
            case TaskRefusal.WrongRole:
                throw new ForbiddenException($"此任务须由“{Roles.Name(task.CandidateRole).Zh}”角色办理。", $"This task is for the role {task.CandidateRole}.");
            case TaskRefusal.AssignedToOther:
                throw new ForbiddenException($"此任务已分配给 {task.AssigneeId}；可由其释放，或改派他人。", $"This task is assigned to {task.AssigneeId}; they can release it, or it can be reassigned.");
            case TaskRefusal.NotOnTeam:
                throw new ForbiddenException("只有本案调查组成员才能办理其调查任务。", "Only members of the case's investigation team work on its investigation tasks.");
            // An approver who endorsed the case themself is refused by the domain's own rule, with its message.
        }
    }

    /// <summary>A task's status in the words of the refusals: "已完成", "已取消".</summary>
    public static BilingualText StatusName(HumanTaskStatus status) => status switch
    {
        HumanTaskStatus.Open => new("尚在办理中", "open"),
        HumanTaskStatus.Completed => new("已完成", "completed"),
        HumanTaskStatus.Cancelled => new("已取消", "cancelled"),
        _ => new(status.ToString(), status.ToString()),
    };
}

/// <summary>Why an actor cannot work a task.</summary>
public enum TaskRefusal
{
    None,
    /// <summary>Completed (by whom and when: see the row) or cancelled.</summary>
    Closed,
    WrongRole,
    AssignedToOther,
    /// <summary>Investigation tasks are for members of the case's investigation team.</summary>
    NotOnTeam,
    /// <summary>An endorsement is approved by a second reviewer, not by the one who endorsed it.</summary>
    OwnEndorsement,
}
