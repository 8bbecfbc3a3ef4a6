using System.Diagnostics;
using System.Globalization;
using Investigation.Benchmarks.Harness;
using Investigation.Workflows;
using Investigation.Workflows.Data;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// Deadline enforcement as it runs in production: the application with its Hangfire server, in a host.
/// By default one node on the SQLite file (synchronous=FULL) with Hangfire's in-memory storage; with
/// --postgres, two nodes (two hosts in this process, each with its own Hangfire server) on a private
/// PostgreSQL with Hangfire's PostgreSQL storage. Tasks are created through the workflow runtime (each a
/// DeadlineTask with its three timers: reminder, due, second escalation); then their timers are spread
/// evenly over a few minutes, starting after a quiet minute. Measured: writes to the application's
/// database while nothing is due (the quiet minute) and Hangfire's own statements meanwhile (PostgreSQL:
/// pg_stat_statements; in memory there are none to count), and, for each effect, how late it was applied
/// after its moment (the task's RemindedAt, OverdueAt or SecondEscalatedAt against the timer's ResumeAt),
/// plus effects lost (never applied), early (applied before the moment) or duplicated (notified more than once).
///
///   dotnet run -c Release --project bench/Investigation.Benchmarks -- deadlines [--deadlines N] [--minutes M] [--quick] [--postgres] [--trace FILE]
///
/// --trace writes one line per applied effect (ms from the first moment, lateness in ms, effect), to see when lateness happens.
/// </summary>
internal static class DeadlinesScenario
{
    private const string Definition = "bench-deadlines";
    private const string Kind = "BenchReview";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var postgres = args.Contains("--postgres");
        var deadlines = Option(args, "--deadlines", quick ? 6_000 : 100_000);
        var minutes = Option(args, "--minutes", quick ? 1 : 5);
        var quiet = TimeSpan.FromSeconds(Option(args, "--quiet-seconds", quick ? 20 : 60));
        var tasks = (deadlines + 2) / 3;

        Report.Machine();
        Report.Note($"deadlines scenario: {tasks} tasks x 3 timers, due evenly over {minutes} min after {quiet.TotalSeconds:0} s with nothing due; "
            + (postgres ? "PostgreSQL, two nodes, Hangfire PostgreSQL storage" : "SQLite, synchronous=FULL, one node, Hangfire in-memory storage"));
        using var folder = new TempFolder();
        await using var server = postgres ? await PgServer.StartAsync() : null;
        var settings = new Dictionary<string, string?>();
        if (server is not null)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Investigation"] = await server.CreateDatabaseAsync("bench");
        }
        else
        {
            settings["ConnectionStrings:Investigation"] = $"Data Source={folder.DatabasePath}";
            settings["Database:SqliteSynchronous"] = "FULL";
        }
        IHost Node()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddInvestigationWorkflows(builder.Configuration);
            builder.Services.AddInvestigationIdentity();
            var node = builder.Build();
            node.Services.GetRequiredService<WorkflowDefinitionRegistry>().Register(BenchDefinition());
            return node;
        }
        using var host = Node();
        using var second = postgres ? Node() : null;
        IHost[] nodes = second is null ? [host] : [host, second];

        // As the web application starts: schema, organisation and users, then the scheduler.
        await DatabaseInitialiser.MigrateAsync(host.Services);
        await DemoSeeder.SeedOrganisationAsync(host.Services);
        await DemoSeeder.SeedUsersAsync(host.Services, "Bench-Passw0rd!");
        foreach (var node in nodes) await node.StartAsync();

        var setup = Stopwatch.StartNew();
        await CreateTasksAsync(host.Services, tasks);
        Report.Line("setup_tasks_created", tasks.ToString(CultureInfo.InvariantCulture), $"in {setup.Elapsed.TotalSeconds:0} s");

        // Spread the timers: a task's three stay in order (reminder, due, second escalation), all of them
        // evenly over the window, the first after the quiet period. As if a commit had moved them, the
        // scheduler is told the earliest (what the commit interceptor does).
        // The first run starts Lead (31 s) before the first moment and reads: the quiet window ends before that.
        // On PostgreSQL the idle window starts 11 s later (see below), so the first moment is later too.
        var first = DateTimeOffset.UtcNow + quiet + TimeSpan.FromSeconds(server is null ? 40 : 55);
        var window = TimeSpan.FromMinutes(minutes);
        var due = server is null
            ? await SpreadTimersAsync(folder.DatabasePath, first, window)
            : await SpreadTimersPostgresAsync(settings["ConnectionStrings:Investigation"]!, first, window);
        foreach (var node in nodes) node.Services.GetRequiredService<DueTimerSignal>().Raise(first);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the job is planned

        if (server is null)
        {
            var walBefore = WalIndexChangeCounter(folder.DatabasePath);
            var idle = await CountCommitsAsync(folder.DatabasePath, quiet);
            var walWrites = unchecked(WalIndexChangeCounter(folder.DatabasePath) - walBefore);
            Report.Line("idle_window", quiet.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), "s");
            Report.Line("idle_writes_per_min", (idle / quiet.TotalMinutes).ToString("0.0", CultureInfo.InvariantCulture), "commits/min");
            // The same window counted by SQLite itself: the WAL index's change counter moves with every write transaction.
            Report.Line("idle_wal_writes_per_min", (walWrites / quiet.TotalMinutes).ToString("0.0", CultureInfo.InvariantCulture), "transactions/min");
            Report.Line("hangfire_idle_statements_per_min", "0", "(in-memory storage: no database)");
        }
        else
        {
            var connectionString = settings["ConnectionStrings:Investigation"]!;
            // The set-up's pooled connections report their row counts once idle for 10 s (PostgreSQL's idle flush): after that.
            await Task.Delay(TimeSpan.FromSeconds(11));
            var (rowsBefore, hangfireBefore) = await PostgresCountersAsync(connectionString);
            await Task.Delay(quiet);
            var (rowsAfter, hangfireAfter) = await PostgresCountersAsync(connectionString);
            Report.Line("idle_window", quiet.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), "s");
            Report.Line("idle_app_rows_written_per_min", ((rowsAfter - rowsBefore) / quiet.TotalMinutes).ToString("0.0", CultureInfo.InvariantCulture), "rows/min (public schema: inserted, updated, deleted)");
            Report.Line("hangfire_idle_statements_per_min", ((hangfireAfter - hangfireBefore) / quiet.TotalMinutes).ToString("0", CultureInfo.InvariantCulture), "statements/min (both nodes)");
        }

        // CPU time of the whole process (every thread) while the effects are applied: moves much less than lateness with the machine's load.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        // Wait for the last effect (or give up well after the window).
        var giveUp = first + window + TimeSpan.FromMinutes(10);
        while (DateTimeOffset.UtcNow < giveUp && await PendingAsync(host.Services) > 0)
            await Task.Delay(TimeSpan.FromSeconds(1));
        var drained = DateTimeOffset.UtcNow;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        var applied = await AppliedAsync(host.Services);
        var lateness = new List<double>(due.Count);
        var lost = 0;
        foreach (var (key, at) in due)
        {
            if (applied.TryGetValue(key, out var done)) lateness.Add((done - at).TotalMilliseconds);
            else lost++;
        }
        if (Text(args, "--trace") is { } trace)
            await File.WriteAllLinesAsync(trace, due.Where(d => applied.ContainsKey(d.Key)).OrderBy(d => d.Value)
                .Select(d => FormattableString.Invariant($"{(d.Value - first).TotalMilliseconds:0},{(applied[d.Key] - d.Value).TotalMilliseconds:0},{d.Key[(d.Key.LastIndexOf(':') + 1)..]}")));
        lateness.Sort();
        var early = lateness.Count(l => l < 0);
        var duplicated = Math.Max(await DuplicatedAsync(host.Services), await FiredTwiceAsync(host.Services));
        var takeovers = nodes.Sum(n => n.Services.GetRequiredService<DueTimerPlanner>().Takeovers);
        foreach (var node in nodes) await node.StopAsync();

        Report.Line("deadlines", due.Count.ToString(CultureInfo.InvariantCulture));
        Report.Line("nodes", nodes.Length.ToString(CultureInfo.InvariantCulture));
        Report.Line("due_window", minutes.ToString(CultureInfo.InvariantCulture), "min");
        if (window > TimeSpan.Zero) Report.Line("effects_per_s_offered", (due.Count / window.TotalSeconds).ToString("0", CultureInfo.InvariantCulture), "/s");
        // All due at once (--minutes 0): how fast a backlog is worked off.
        else Report.Line("backlog_effects_per_s", (due.Count / Math.Max(0.001, (drained - first).TotalSeconds)).ToString("0", CultureInfo.InvariantCulture), "/s");
        Report.Line("lateness_p50_ms", Percentile(lateness, 0.50).ToString("0", CultureInfo.InvariantCulture), "ms");
        Report.Line("lateness_p99_ms", Percentile(lateness, 0.99).ToString("0", CultureInfo.InvariantCulture), "ms");
        Report.Line("lateness_max_ms", (lateness.Count > 0 ? lateness[^1] : 0).ToString("0", CultureInfo.InvariantCulture), "ms");
        Report.Line("lost", lost.ToString(CultureInfo.InvariantCulture));
        Report.Line("duplicated", duplicated.ToString(CultureInfo.InvariantCulture));
        Report.Line("early", early.ToString(CultureInfo.InvariantCulture));
        Report.Line("takeover_runs", takeovers.ToString(CultureInfo.InvariantCulture), "(runs asked for by the safety poll: a timer more than Takeover late)");
        Report.Line("cpu_ms_per_effect", (cpu.TotalMilliseconds / Math.Max(1, lateness.Count)).ToString("0.00", CultureInfo.InvariantCulture), "ms");
        Report.Line("drained_after_window", Math.Max(0, (drained - (first + window)).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture), "s");
        Report.Line("load_avg_end", Report.LoadAverage());
        return lost == 0 && duplicated == 0 && early == 0 ? 0 : 1;
    }

    /// <summary>Rows written to the application's tables so far, and statements run on Hangfire's schema so far (pg_stat_statements).</summary>
    private static async Task<(long Rows, long HangfireStatements)> PostgresCountersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Row counts reach the shared statistics when each backend flushes them (within a second of a commit, ten
        // while idle), so the window's edges are a few seconds soft; pg_stat_statements counts at once.
        await using (var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection)) await flush.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables WHERE schemaname = 'public')::bigint,
                   (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query ILIKE '%hangfire%' AND query NOT ILIKE '%pg_stat_statements%')::bigint
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <returns>Each timer's key and its moment.</returns>
    private static async Task<Dictionary<string, DateTimeOffset>> SpreadTimersPostgresAsync(string connectionString, DateTimeOffset first, TimeSpan window)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var keys = new List<string>();
        await using (var read = new NpgsqlCommand("""SELECT "Key" FROM wf_bookmarks WHERE "Name" = 'Deadline' ORDER BY "InstanceId", CASE WHEN "Key" LIKE '%:Reminder' THEN 0 WHEN "Key" LIKE '%:Due' THEN 1 ELSE 2 END""", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        var due = new Dictionary<string, DateTimeOffset>(keys.Count);
        var ticks = new long[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var moment = first + window * i / keys.Count;
            ticks[i] = moment.UtcTicks;
            due[keys[i]] = moment;
        }
        await using var update = new NpgsqlCommand("""
            UPDATE wf_bookmarks b SET "ResumeAt" = v.at FROM unnest(@keys, @ats) AS v(key, at)
            WHERE b."Name" = 'Deadline' AND b."Key" = v.key
            """, connection);
        update.Parameters.AddWithValue("keys", keys.ToArray());
        update.Parameters.AddWithValue("ats", ticks);
        await update.ExecuteNonQueryAsync();
        // Counted in the statistics now, not within the idle window (a backend flushes its counts when it gets round to it).
        await using (var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection)) await flush.ExecuteNonQueryAsync();
        return due;
    }

    /// <summary>A review task with its deadline, assigned to one investigator (one reminder, one escalation to the administrator).</summary>
    private static WorkflowDefinition BenchDefinition() => new WorkflowBuilder(Definition, 1)
        .Add(new DeadlineTask("review", ctx => new HumanTaskSpec(Kind, $"Bench review {ctx.Get<int>("number")}", Roles.Investigator,
            DemoOrganisation.ProvincialGovernmentOffice.ToString()) { AssigneeId = "investigator" }))
        .Build();

    private static async Task CreateTasksAsync(IServiceProvider services, int count)
    {
        const int perTransaction = 500;
        for (var start = 0; start < count; start += perTransaction)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            for (var i = start; i < Math.Min(count, start + perTransaction); i++)
                await runtime.StartAsync(db, Definition, new { Number = i }, actor: "caseofficer");
            await db.SaveChangesAsync();
        }
    }

    /// <returns>Each timer's key and its moment.</returns>
    private static async Task<Dictionary<string, DateTimeOffset>> SpreadTimersAsync(string file, DateTimeOffset first, TimeSpan window)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var keys = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Key FROM wf_bookmarks WHERE Name = 'Deadline' ORDER BY rowid";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        }
        var due = new Dictionary<string, DateTimeOffset>(keys.Count);
        await using var transaction = connection.BeginTransaction();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE wf_bookmarks SET ResumeAt = $at WHERE Name = 'Deadline' AND Key = $key";
        var at = update.Parameters.Add("$at", SqliteType.Integer);
        var key = update.Parameters.Add("$key", SqliteType.Text);
        for (var i = 0; i < keys.Count; i++)
        {
            var moment = first + window * i / keys.Count;
            (at.Value, key.Value) = (moment.UtcTicks, keys[i]);
            await update.ExecuteNonQueryAsync();
            due[keys[i]] = moment;
        }
        await transaction.CommitAsync();
        return due;
    }

    private static async Task<int> PendingAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Bookmarks.CountAsync(b => b.Name == DeadlineBookmarks.Name);
    }

    /// <summary>When each timer's effect was applied, from the task's own marks.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> AppliedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().HumanTasks.AsNoTracking()
            .Where(t => t.Kind == Kind).Select(t => new { t.Id, t.RemindedAt, t.OverdueAt, t.SecondEscalatedAt }).ToListAsync();
        var applied = new Dictionary<string, DateTimeOffset>(rows.Count * 3);
        foreach (var t in rows)
        {
            if (t.RemindedAt is { } r) applied[DeadlineBookmarks.Key(t.Id, DeadlineEffect.Reminder)] = r;
            if (t.OverdueAt is { } o) applied[DeadlineBookmarks.Key(t.Id, DeadlineEffect.Due)] = o;
            if (t.SecondEscalatedAt is { } s) applied[DeadlineBookmarks.Key(t.Id, DeadlineEffect.SecondEscalation)] = s;
        }
        return applied;
    }

    /// <summary>Notifications beyond the first of each (task, kind, recipient): an effect applied twice would show here.</summary>
    private static async Task<int> DuplicatedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Notifications.AsNoTracking()
            .GroupBy(n => new { n.TaskId, n.Kind, n.Recipient }).Select(g => g.Count()).ToListAsync();
        return counts.Sum(c => c - 1);
    }

    /// <summary>Audit entries of timers fired beyond the first for the same timer: the record of each firing, independent of who was notified.</summary>
    private static async Task<int> FiredTwiceAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var fired = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == FireDueTimer.TimerFired).Select(e => e.Data).ToListAsync();
        // Data is "{bookmark name} {key} due ..., fired ...".
        return fired.Count - fired.Select(d => d.Split(' ')[1]).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>
    /// The change counter of the WAL index (the -shm file's header, bytes 8..11, native order), which
    /// SQLite increments for every write transaction committed to the WAL, by any connection.
    /// </summary>
    private static uint WalIndexChangeCounter(string file)
    {
        using var shm = new FileStream(file + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[12];
        shm.ReadExactly(header);
        return BitConverter.ToUInt32(header[8..]);
    }

    /// <summary>Commits by any other connection, seen through SQLite's data_version every 10 ms.</summary>
    private static async Task<int> CountCommitsAsync(string file, TimeSpan period)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        var last = (long)(await command.ExecuteScalarAsync())!;
        var commits = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < period)
        {
            await Task.Delay(10);
            var now = (long)(await command.ExecuteScalarAsync())!;
            if (now != last) (commits, last) = (commits + 1, now);
        }
        return commits;
    }

    // Nearest-rank percentile of sorted samples.
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
