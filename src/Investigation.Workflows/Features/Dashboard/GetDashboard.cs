using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Dashboard;

/// <summary>
/// The figures of my unit and the units below it: open cases by circumstance and by status, overdue
/// tasks, and how long each kind of step takes. Every figure is counted or averaged by the database,
/// so the dashboard costs the same with a thousand cases as with ten.
/// </summary>
public static class GetDashboard
{
    public sealed record Query : IRequest<Result>;

    /// <param name="Circumstance">Null counts the cases that meet no circumstance (Article 8, paragraph 1 only).</param>
    /// <param name="ClosedCases">The cases of that circumstance in a final status: the figure beside the open ones, each with its list.</param>
    public sealed record CircumstanceCount(Circumstance? Circumstance, int OpenCases, int ClosedCases = 0);

    public sealed record StatusCount(CaseStatus Status, int OpenCases);

    /// <summary>How long tasks of one kind took, from created to completed, over the completed ones.</summary>
    public sealed record StepTime(string Kind, int Completed, double AverageHours);

    /// <summary>Cases registered in one month (China time), open or not.</summary>
    public sealed record MonthCount(int Year, int Month, int Registered);

    /// <param name="ByMonth">The last twelve months, the oldest first, months without a case included.</param>
    public sealed record Result(int OpenCases, IReadOnlyList<CircumstanceCount> ByCircumstance, IReadOnlyList<StatusCount> ByStatus,
        int OverdueTasks, IReadOnlyList<StepTime> StepTimes, IReadOnlyList<MonthCount>? ByMonth = null);

    private static readonly List<string> KindOrder = TaskKinds.All.Select(k => k.Kind).ToList();

    public static IReadOnlyList<CaseStatus> OpenStatuses { get; } = Enum.GetValues<CaseStatus>().Where(s => !s.IsFinal()).ToList();

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var unitKeys = await access.VisibleUnitKeysAsync(ct);
            var units = unitKeys.Select(Guid.Parse).ToList();
            var now = clock.GetUtcNow();

            var open = db.Cases.AsNoTracking().Where(c => units.Contains(c.UnitId));
            foreach (var final in Enum.GetValues<CaseStatus>().Where(s => s.IsFinal()))
                open = open.Where(c => c.Status != final);

            var byStatus = (await open.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .ToDictionary(x => x.Key, x => x.Count);
            // Few combinations of circumstances exist, so counting per combination and splitting them here stays small.
            var byCombination = await open.GroupBy(c => c.CircumstancesMet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var allByCombination = await db.Cases.AsNoTracking().Where(c => units.Contains(c.UnitId))
                .GroupBy(c => c.CircumstancesMet).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            int Of<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, int> count, Circumstance? c) =>
                rows.Where(x => c is { } k ? key(x).Contains($";{(int)k};", StringComparison.Ordinal) : key(x).Trim(';').Length == 0).Sum(count);
            var byCircumstance = Enum.GetValues<Circumstance>().Select(c => (Circumstance?)c).Append(null)
                .Select(c =>
                {
                    var openCount = Of(byCombination, x => x.Key, x => x.Count, c);
                    return new CircumstanceCount(c, openCount, Of(allByCombination, x => x.Key, x => x.Count, c) - openCount);
                })
                .ToList();

            var overdue = await db.HumanTasks.AsNoTracking()
                .CountAsync(t => t.Status == HumanTaskStatus.Open && t.DueAt != null && t.DueAt < now && unitKeys.Contains(t.UnitId), ct);

            var times = await TaskSpans().Where(t => unitKeys.Contains(t.UnitId)).GroupBy(t => t.Kind)
                .Select(g => new { Kind = g.Key, Count = g.Count(), Ticks = g.Average(t => (double)(t.CompletedAt - t.CreatedAt)) })
                .ToListAsync(ct);
            var stepTimes = times.Select(t => new StepTime(t.Kind, t.Count, t.Ticks / TimeSpan.TicksPerHour))
                .OrderBy(t => KindOrder.IndexOf(t.Kind) is var i and >= 0 ? i : int.MaxValue).ThenBy(t => t.Kind, StringComparer.Ordinal)
                .ToList();

            // Twelve months back from this month in China; only the registration times of those months are read.
            var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
            var today = TimeZoneInfo.ConvertTime(now, china);
            var first = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, today.Offset).AddMonths(-11);
            var registered = await db.Cases.AsNoTracking().Where(c => units.Contains(c.UnitId) && c.RegisteredAt >= first)
                .Select(c => c.RegisteredAt).ToListAsync(ct);
            var perMonth = registered.Select(r => TimeZoneInfo.ConvertTime(r, china)).GroupBy(r => (r.Year, r.Month)).ToDictionary(g => g.Key, g => g.Count());
            var byMonth = Enumerable.Range(0, 12).Select(i => first.AddMonths(i))
                .Select(m => new MonthCount(m.Year, m.Month, perMonth.GetValueOrDefault((m.Year, m.Month)))).ToList();

            return new(byStatus.Values.Sum(), byCircumstance, OpenStatuses.Select(s => new StatusCount(s, byStatus.GetValueOrDefault(s))).ToList(),
                overdue, stepTimes, byMonth);
        }

        // Dates are stored as UTC ticks (see Runtime/Persistence/Configurations.cs); LINQ sees them as
        // DateTimeOffset and cannot subtract them in SQL, so the columns are read as the integers they are.
        private IQueryable<TaskSpan> TaskSpans() => db.Database.SqlQueryRaw<TaskSpan>(
            """SELECT "Kind", "UnitId", "CreatedAt", "CompletedAt" FROM wf_human_tasks WHERE "Status" = 'Completed' AND "CompletedAt" IS NOT NULL""");
    }

    internal sealed class TaskSpan
    {
        public string Kind { get; set; } = "";
        public string UnitId { get; set; } = "";
        public long CreatedAt { get; set; }
        public long CompletedAt { get; set; }
    }
}
