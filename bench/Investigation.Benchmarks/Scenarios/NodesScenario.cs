using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Investigation.Benchmarks.Harness;
using Investigation.MultiNode;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// One node against three, in one run: the published application (Release) on one private PostgreSQL,
/// behind nginx running the shipped deploy/nginx/investigation.conf (rendered by the multi-node test's own
/// <see cref="NginxFront"/>), first with one process, then with three, each on a fresh database with the
/// demo data. For each it reports the rate of registrations (RegisterIncident through the API, writes on
/// different cases, each with its Idempotency-Key) and the p50/p99 of the inbox and case pages, with the
/// same number of concurrent clients. On a machine with fewer cores than nodes this shows what a node
/// costs (the overhead of more processes, connections and cross-node locks), not scale-out.
/// <code>
/// dotnet run -c Release --project bench/Investigation.Benchmarks -- nodes [--clients 8] [--seconds 8] [--no-ready-to-run]
/// </code>
/// </summary>
internal static class NodesScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = WebScenario.IntArg(args, "--clients", 8);
        var seconds = WebScenario.IntArg(args, "--seconds", 8);
        Report.Machine();
        Report.Line("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        using var folder = new TempFolder();
        var published = await WebScenario.PublishAsync(folder.Folder, !args.Contains("--no-ready-to-run"));
        await using var postgres = await PgServer.StartAsync();
        Report.Note($"{clients} concurrent clients through nginx, {seconds} s per measure after a 2 s warm-up");
        foreach (var count in new[] { 1, 3 })
        {
            var connectionString = await postgres.CreateDatabaseAsync($"nodes{count}");
            await MeasureAsync(published, Path.Combine(folder.Folder, $"nodes{count}"), connectionString, count, clients, TimeSpan.FromSeconds(seconds));
        }
        Report.Line("load_avg_end", Report.LoadAverage());
        return 0;
    }

    private static async Task MeasureAsync(string dll, string home, string connectionString, int count, int clients, TimeSpan length)
    {
        var ports = Enumerable.Range(0, count).Select(_ => WebScenario.FreePort()).ToArray();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var processes = new List<Process>();
        try
        {
            // The first node migrates and seeds (demo cases included); the others start on its database.
            for (var i = 0; i < count; i++)
            {
                processes.Add(Start(dll, Directory.CreateDirectory(Path.Combine(home, $"node{i}")).FullName, ports[i], connectionString, key));
                if (i == 0) await ReadyAsync(ports[0], processes[0]);
            }
            for (var i = 1; i < count; i++) await ReadyAsync(ports[i], processes[i]);
            var nginxPort = WebScenario.FreePort();
            await using var nginx = await NginxFront.StartAsync(WebScenario.RepositoryRoot(), Path.Combine(home, "nginx"), nginxPort, ports);
            var balancer = new Uri($"http://127.0.0.1:{nginxPort}");

            string[] readers = ["investigator", "caseofficer", "investigator2", "disciplinereviewer"];
            var users = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => WebScenario.SignInAsync(balancer, readers[i % readers.Length])));
            var officers = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => WebScenario.SignInAsync(balancer, "caseofficer")));
            var targets = await WebScenario.TargetsAsync(users[0]);
            var name = $"nodes{count}";

            await RegisterAsync(officers, TimeSpan.FromSeconds(2));
            var (perSecond, errors) = await RegisterAsync(officers, length);
            Report.Line($"{name}_register_incident", perSecond.ToString("0.0", CultureInfo.InvariantCulture), "/s");
            Report.Count($"{name}_register_incident_errors", errors, "responses");

            foreach (var (page, path) in new (string, Func<WebScenario.Client, string>)[]
                     {
                         ("inbox", _ => "/Tasks"),
                         ("case", c => $"/Cases/Details/{targets.CaseIds[c.Number % targets.CaseIds.Count]}"),
                     })
            {
                await WebScenario.LoadAsync(users, path, TimeSpan.FromSeconds(2), bearer: false);
                var result = await WebScenario.LoadAsync(users, path, length, bearer: false);
                Report.Line($"{name}_{page}_req_per_s", result.PerSecond.ToString("0", CultureInfo.InvariantCulture), "/s");
                Report.Ms($"{name}_{page}_p50_ms", result.P50);
                Report.Ms($"{name}_{page}_p99_ms", result.P99);
                Report.Count($"{name}_{page}_errors", result.Errors, "responses");
            }
            Report.Line($"{name}_load_avg", Report.LoadAverage());
        }
        finally
        {
            foreach (var process in processes) await WebScenario.StopAsync(process);
        }
    }

    private static int registered;

    /// <summary>Each officer registers incidents one after another for the given time; the rate of 201s, and the count of other answers.</summary>
    private static async Task<(double PerSecond, long Errors)> RegisterAsync(WebScenario.Client[] officers, TimeSpan length)
    {
        using var stop = new CancellationTokenSource(length);
        var watch = Stopwatch.StartNew();
        var done = await Task.WhenAll(officers.Select(async officer =>
        {
            long ok = 0, errors = 0;
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref registered);
                var now = DateTimeOffset.UtcNow;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
                {
                    Content = JsonContent.Create(new
                    {
                        unitId = Workflows.Demo.DemoOrganisation.ProvincialGovernmentOffice.Value,
                        title = $"基准测试 {n}",
                        description = "门户网站首页被篡改，随后服务中断。",
                        occurredAt = now.AddHours(-10),
                        facts = new
                        {
                            portalParalysis = new
                            {
                                site = "PartyOrGovernmentPortal", siteLevel = "Provincial", attacked = true, disposalOrganisedInTime = false,
                                downAt = now.AddHours(-9), restoredAt = now.AddHours(-1),
                            },
                        },
                        dutiesFailed = new[] { "ProtectionAndIncidentHandling" },
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", officer.Token);
                request.Headers.Add("Idempotency-Key", $"bench-{n}");
                using var response = await officer.Http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created) ok++;
                else errors++;
            }
            return (ok, errors);
        }));
        return (done.Sum(d => d.ok) / watch.Elapsed.TotalSeconds, done.Sum(d => d.errors));
    }

    private static Process Start(string dll, string home, int port, string connectionString, string auditKey)
    {
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = "Postgres";
        env["ConnectionStrings__Investigation"] = connectionString;
        env["Database__MigrateAtStart"] = "true";
        env["Demo__Enabled"] = "true";
        env["Demo__Password"] = WebScenario.Password;
        env["Demo__Cases"] = "true";
        env["Audit__Keys__0"] = auditKey;
        env["Audit__CheckpointPath"] = Path.Combine(home, "audit-checkpoints.log");
        env["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        // The clients sign in from one address, far more often than people do: the limit is not what is measured.
        env["SignIn__PerAddress"] = "100000";
        env["SignIn__PerAccount"] = "100000";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task ReadyAsync(int port, Process process)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited) throw new InvalidOperationException($"A node exited with {process.ExitCode} before it was ready.");
            try
            {
                using var response = await probe.GetAsync($"http://127.0.0.1:{port}/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The node on port {port} was not ready within three minutes.");
    }
}
