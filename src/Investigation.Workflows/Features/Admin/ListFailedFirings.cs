using Hangfire;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Identity;
using MediatR;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// Runs of the deadline firing that failed (a timer that could not be fired, not one lost to a race),
/// newest first, as Hangfire keeps them: the same entries as the dashboard's failed jobs. The timers
/// themselves stay due and are tried again; this says that, and why, to the administrator.
/// </summary>
public static class ListFailedFirings
{
    public sealed record Query(int Count = 50) : IRequest<IReadOnlyList<Item>>;

    /// <param name="Detail">The full exception text.</param>
    public sealed record Item(string JobId, string Job, string Message, string Detail, DateTimeOffset? At);

    public sealed class Handler(JobStorage storage, Access access) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var failed = storage.GetMonitoringApi().FailedJobs(0, Math.Clamp(query.Count, 1, 500));
            IReadOnlyList<Item> items = failed
                .Where(f => f.Value?.Job?.Type == typeof(DueTimersJob))
                .Select(f => new Item(f.Key, f.Value.Job.Method.Name, f.Value.ExceptionMessage ?? "", f.Value.ExceptionDetails ?? "",
                    f.Value.FailedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null))
                .OrderByDescending(i => i.At)
                .ToList();
            return Task.FromResult(items);
        }
    }
}
