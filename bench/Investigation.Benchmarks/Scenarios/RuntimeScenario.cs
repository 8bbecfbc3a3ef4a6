using System.Text.Json;
using Investigation.Benchmarks.Harness;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The runtime alone, on the application's DbContext: start instances of a two-task flow (each start
/// creates its first task), then complete those tasks (each completion closes one task and opens the
/// next). One scope, one connection open and one SaveChanges, so one committed transaction, per call.
/// Completions are measured one after another (the median of three rounds), then with <see cref="Workers"/>
/// in flight at once: their reads overlap, their writes meet SQLite's one-writer lock directly (SqliteWriteGate
/// queues the use cases' transactions, which this scenario does not go through). Last, the pages a completion
/// appends to the write-ahead log.
/// </summary>
internal static class RuntimeScenario
{
    private const string Name = "bench";

    public const int Workers = 4;

    public static async Task<(Throughput Starts, Throughput Completions, Throughput Concurrent, double WalPages)> RunAsync(BenchApp app, Sizes sizes)
    {
        var runtime = Runtime();

        var starts = await Measure.RateAsync(sizes.Warmup, sizes.RuntimeSteps, i => app.InScopeAsync(async db =>
        {
            await runtime.StartAsync(db, Name, new { Number = i }, correlationId: $"bench-{i}", actor: "caseofficer");
            await db.SaveChangesAsync();
        }));

        var payload = JsonSerializer.SerializeToElement(new { Comment = "Checked the logs; nothing further.", Score = 4 });
        // The measured starts' first tasks, and as many again twice, untimed: three rounds of completions.
        await StartCasesAsync(app, runtime, (Measure.Rounds - 1) * sizes.RuntimeSteps, "rounds");
        var tasks = await app.OpenTasksAsync(activityId: "first");
        Task Complete(int i) => app.InScopeAsync(async db =>
        {
            // One unit of work, one open, as the application's transaction per command has.
            await db.Database.OpenConnectionAsync();
            try
            {
                await runtime.ResumeAsync(db, Stimulus.ForTask(tasks[i], payload: payload, actor: "investigator"));
                await db.SaveChangesAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        var completions = await Measure.MedianRateAsync(sizes.Warmup, sizes.RuntimeSteps, Complete);

        // As many cases again, untimed, for the concurrent round to complete their first tasks.
        tasks = await StartCasesAsync(app, runtime, sizes.Warmup + sizes.RuntimeSteps, "concurrent");
        var concurrent = await Measure.ConcurrentRateAsync(sizes.Warmup, sizes.RuntimeSteps, Workers, Complete);

        tasks = await StartCasesAsync(app, runtime, 50, "wal");
        var pages = await app.WalPagesPerCallAsync(tasks.Count, Complete);
        return (starts, completions, concurrent, pages);
    }

    /// <summary>Starts cases of the flow, untimed; returns the open first tasks of those cases.</summary>
    public static Task<List<Guid>> StartCasesAsync(BenchApp app, int count, string label) =>
        StartCasesAsync(app, Runtime(), count, label);

    private static WorkflowRuntime Runtime() => new(new WorkflowDefinitionRegistry().Register(Definition()), TimeProvider.System);

    private static async Task<List<Guid>> StartCasesAsync(BenchApp app, WorkflowRuntime runtime, int count, string label)
    {
        for (var i = 0; i < count; i++)
            await app.InScopeAsync(async db =>
            {
                await runtime.StartAsync(db, Name, new { Number = i }, correlationId: $"bench-{label}-{i}", actor: "caseofficer");
                await db.SaveChangesAsync();
            });
        return await app.OpenTasksAsync(activityId: "first");
    }

    private static WorkflowDefinition Definition() => new WorkflowBuilder(Name, 1)
        .Add(Task("first"), Task("second"), new Finish("end"))
        .Connect("first", "second")
        .Connect("second", "end")
        .Build();

    private static HumanTaskActivity Task(string id) => new(id, ctx =>
        new HumanTaskSpec("BenchReview", $"Review {ctx.Get<int>("number")}", Roles.Investigator, DemoOrganisation.ProvincialGovernmentOffice.ToString())
        {
            DueAt = ctx.Now.AddDays(10),
            Priority = 1,
        });
}
