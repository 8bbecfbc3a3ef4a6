using System.Globalization;
using Investigation.Benchmarks;
using Investigation.Benchmarks.Harness;
using Investigation.Benchmarks.Scenarios;

if (args is ["web", ..]) return await WebScenario.RunAsync(args); // -- web [--clients N] [--seconds S] | -- web --soak [--minutes M]
if (args is ["nodes", ..]) return await NodesScenario.RunAsync(args); // -- nodes [--clients N] [--seconds S]: one node against three behind nginx
if (args is ["deadlines", ..]) return await DeadlinesScenario.RunAsync(args); // -- deadlines [--deadlines N] [--minutes M] [--quick]
// dotnet run -c Release --project bench/Investigation.Benchmarks -- runtime [--quick] [--only raw|runtime|usecase|inbox]
string[] parts = ["raw", "runtime", "usecase", "inbox"];
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
if (args is not ["runtime", ..] || args.Skip(1).Any(a => a is not ("--quick" or "--only") && a != only) || (args.Contains("--only") && !parts.Contains(only)))
{
    Console.Error.WriteLine("usage: Investigation.Benchmarks runtime [--quick] [--only raw|runtime|usecase|inbox]");
    return 2;
}
var sizes = args.Contains("--quick") ? Sizes.Quick : Sizes.Full;
bool Runs(string part) => only is null || only == part; // --only: one scenario, while tuning it

Report.Machine();
Report.Line("mode", sizes.Mode);

// Untimed: JIT tiering and EF Core's first-use costs would otherwise land on FULL, which runs first.
await using (var app = await BenchApp.CreateAsync("NORMAL"))
{
    await RuntimeScenario.RunAsync(app, Sizes.WarmUpRound);
    await UseCaseScenario.RunAsync(app, Sizes.WarmUpRound);
}

// FULL: every commit is on disk before it returns (survives a power cut); the application's default.
// NORMAL: in WAL mode a commit may be lost on power loss (never corrupted); faster, not durable.
foreach (var (synchronous, suffix) in new[] { ("FULL", "full"), ("NORMAL", "normal") })
{
    Report.Note($"synchronous={synchronous}, WAL");
    // The storage limit, measured beside the runtime so that their ratio compares like with like.
    var raw = Runs("raw") || Runs("runtime") ? await RawInsertScenario.RunAsync(sizes, synchronous) : default;
    if (Runs("raw") || Runs("runtime")) Report.Rate("sqlite_raw_inserts", suffix, raw);

    if (Runs("runtime"))
    {
        await using var app = await BenchApp.CreateAsync(synchronous);
        var (starts, completions, concurrent, walPages) = await RuntimeScenario.RunAsync(app, sizes);
        Report.Rate("cases_started", suffix, starts);
        Report.Rate("task_completions", suffix, completions);
        Report.Rate($"task_completions_{RuntimeScenario.Workers}_workers", suffix, concurrent);
        Report.Ratio($"completion_vs_raw_insert_ratio_{suffix}", completions.PerSecond / raw.PerSecond);
        Report.Line($"task_completion_wal_pages_{suffix}", walPages.ToString("0.0", CultureInfo.InvariantCulture), "pages");
        // The same rows by hand-written SQL: the floor a completion through the runtime could reach here.
        var floor = await RawStepScenario.RunAsync(app, sizes, synchronous, await RuntimeScenario.StartCasesAsync(app, sizes.Warmup + Measure.Rounds * sizes.RuntimeSteps, "raw"));
        Report.Rate("raw_completion_steps", suffix, floor);
        Report.Ratio($"completion_vs_raw_step_ratio_{suffix}", completions.PerSecond / floor.PerSecond);
    }

    if (Runs("usecase"))
    {
        await using var app = await BenchApp.CreateAsync(synchronous);
        var (registrations, completions, concurrent) = await UseCaseScenario.RunAsync(app, sizes);
        Report.Rate("register_incident", suffix, registrations);
        Report.Rate("complete_task_usecase", suffix, completions);
        Report.Rate($"complete_task_usecase_{UseCaseScenario.Workers}_workers", suffix, concurrent);
    }
}

if (Runs("inbox"))
{
    var small = await InboxScenario.RunAsync(sizes, 1_000);
    var large = await InboxScenario.RunAsync(sizes, sizes.InboxLarge);
    Report.Ratio("inbox_growth_ratio_p99", large.P99 / small.P99);
}
Report.Line("load_avg_end", Report.LoadAverage());
return 0;
