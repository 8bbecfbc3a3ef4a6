using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// Save-draft (暂存) of a task's form: kept in the database per task and user, so that the person finds it on any
/// computer; read back by that person only (<see cref="Query"/>). Whoever may work the task may save one. Completing,
/// releasing or reassigning the task drops it (<see cref="StaleDrafts"/>); DiscardDraft drops it on request.
/// </summary>
public static class SaveDraft
{
    /// <summary>Characters of a draft: the longest form (a decision with many measures) is far below it.</summary>
    public const int MaxLength = 100_000;

    /// <param name="Values">The form's fields as a JSON object of field name to its list of values. Not copied into the
    /// audit entry: the draft is the person's working copy, and only what is submitted is the record.</param>
    public sealed record Command(Guid TaskId, [property: JsonIgnore] string Values) : ICommand<DateTimeOffset>;

    public sealed record Draft(string Values, DateTimeOffset SavedAt);

    /// <summary>My draft of the task, if I saved one; a task of another unit is not found.</summary>
    public sealed record Query(Guid TaskId) : IRequest<Draft?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            // One message for one fault: a draft too long is not also parsed and called malformed.
            RuleFor(c => c.Values).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("暂存的内容是空的。", "The draft is empty.")
                .MaximumLength(MaxLength).WithMessage($"暂存内容过长（不能超过{MaxLength}个字符），未保存：请删减后再暂存。",
                    $"The draft is too long (at most {MaxLength:N0} characters) and was not saved: shorten it and save again.")
                .Must(BeFields).WithMessage("暂存内容的格式不正确，未保存。", "The draft is not in the expected format and was not saved.");
        }

        private static bool BeFields(string values)
        {
            try { return JsonSerializer.Deserialize<Dictionary<string, string[]>>(values) is not null; }
            catch (JsonException) { return false; }
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Command, DateTimeOffset>
    {
        public async Task<DateTimeOffset> Handle(Command command, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            TaskStep.EnsureCanWork(task, access.Actor, await TaskStep.CaseOfAsync(db, task, ct));
            var now = clock.GetUtcNow();
            var draft = await db.Set<TaskDraft>().FirstOrDefaultAsync(d => d.TaskId == task.Id && d.UserName == access.Actor.UserName, ct);
            if (draft is null) db.Set<TaskDraft>().Add(draft = new TaskDraft { TaskId = task.Id, UserName = access.Actor.UserName });
            draft.Values = command.Values;
            draft.SavedAt = now;
            return now;
        }
    }

    public sealed class QueryHandler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Draft?>
    {
        public async Task<Draft?> Handle(Query query, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, query.TaskId, ct);
            return await db.Set<TaskDraft>().AsNoTracking()
                .Where(d => d.TaskId == task.Id && d.UserName == access.Actor.UserName)
                .Select(d => new Draft(d.Values, d.SavedAt)).FirstOrDefaultAsync(ct);
        }
    }
}
