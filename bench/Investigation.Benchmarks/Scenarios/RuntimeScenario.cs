using System.Text.Json;
using Investigation.Benchmarks.Harness;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The runtime alone, on the application's DbContext: start instances of a two-task flow (each start
/// creates its first task), then complete those tasks (each completion closes one task and opens the
/// next). One scope and one SaveChanges, so one committed transaction, per call.
/// </summary>
internal static class RuntimeScenario
{
    private const string Name = "bench";

    public static async Task<(Throughput Starts, Throughput Completions)> RunAsync(BenchApp app, Sizes sizes)
    {
        var runtime = new WorkflowRuntime(new WorkflowDefinitionRegistry().Register(Definition()), TimeProvider.System);

        var starts = await Measure.RateAsync(sizes.Warmup, sizes.RuntimeSteps, i => app.InScopeAsync(async db =>
        {
            await runtime.StartAsync(db, Name, new { Number = i }, correlationId: $"bench-{i}", actor: "caseofficer");
            await db.SaveChangesAsync();
        }));

        var tasks = await app.OpenTasksAsync(activityId: "first");
        var payload = JsonSerializer.SerializeToElement(new { Comment = "Checked the logs; nothing further.", Score = 4 });
        var completions = await Measure.RateAsync(sizes.Warmup, sizes.RuntimeSteps, i => app.InScopeAsync(async db =>
        {
            await runtime.ResumeAsync(db, Stimulus.ForTask(tasks[i], payload: payload, actor: "investigator"));
            await db.SaveChangesAsync();
        }));
        return (starts, completions);
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
