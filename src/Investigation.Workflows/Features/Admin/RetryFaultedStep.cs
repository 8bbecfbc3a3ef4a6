using Investigation.Domain.Cases;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator retries the step that faulted a case's workflow, once its cause is fixed.</summary>
public static class RetryFaultedStep
{
    public sealed record Command(Guid CaseId) : ICommand<WorkflowStatus>;

    public sealed class Handler(InvestigationDbContext db, Access access, CaseSession session, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, WorkflowStatus>
    {
        public async Task<WorkflowStatus> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var record = await access.CaseAsync(command.CaseId, ct);
            var instanceId = record.WorkflowInstanceId ?? throw new ConflictException("该案件没有流程。", "This case has no workflow.");
            var status = await db.WorkflowInstances.Where(i => i.Id == instanceId).Select(i => i.Status).FirstAsync(ct);
            if (status != WorkflowStatus.Faulted) throw new ConflictException($"该案件的流程{StatusZh(status)}，并未出错：没有需要重试的步骤。",
                $"The case's workflow is {status.ToString().ToLowerInvariant()}, not faulted: there is nothing to retry.");
            Case c = record.ToCase();
            session.Case = c;
            audit.CaseId = record.Id;
            var instance = await runtime.RetryAsync(db, instanceId, access.Actor.UserName, ct);
            record.Store(c, clock.GetUtcNow());
            return instance.Status;
        }

        private static string StatusZh(WorkflowStatus status) => status switch
        {
            WorkflowStatus.Running => "正在运行",
            WorkflowStatus.Waiting => "正在等待",
            WorkflowStatus.Completed => "已完成",
            WorkflowStatus.Cancelled => "已取消",
            _ => "已出错",
        };
    }
}
