using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Investigation.Benchmarks.Harness;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The application as a person meets it: published in Release, started as a process of its own in
/// Production with the demo data switched on by configuration, on its own SQLite file. It measures the
/// time to the first 200 of the sign-in page on an empty database (cold: migrations and seeding) and on
/// the same database again (warm), then drives each page with a fixed number of concurrent signed-in
/// clients for a fixed time, and reads the process's resident memory from /proc.
/// The load comes from an in-process HttpClient (one per simulated user, its own cookies), not wrk:
/// pages need a signed-in cookie per user and the case and task pages need ids read from the API first.
/// <code>
/// dotnet run -c Release --project bench/Investigation.Benchmarks -- web [--clients 16] [--seconds 10] [--starts 3] [--ready-only] [--no-ready-to-run] [--page case] [--app-env KEY=VALUE ...]
/// dotnet run -c Release --project bench/Investigation.Benchmarks -- web --soak [--minutes 10]
/// </code>
/// </summary>
internal static partial class WebScenario
{
    internal const string Password = "Bench-Web-Passw0rd!";
    // Users who each see work: their inboxes, the cases of the province, the dashboard.
    private static readonly string[] Users = ["investigator", "caseofficer", "investigator2", "disciplinereviewer"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = IntArg(args, "--clients", 16);
        var seconds = IntArg(args, "--seconds", 10);
        var soak = args.Contains("--soak");
        var minutes = IntArg(args, "--minutes", 10);
        var starts = IntArg(args, "--starts", 3);
        var readyToRun = !args.Contains("--no-ready-to-run");
        // --page NAME: that page only (while tuning it; the process id is printed, for a profiler to attach).
        var onlyPage = args.SkipWhile(a => a != "--page").Skip(1).FirstOrDefault();
        // --app-env KEY=VALUE (repeatable): a runtime setting for the application's process only, not this load generator's.
        var appEnvironment = args.Zip(args.Skip(1)).Where(p => p.First == "--app-env").Select(p => p.Second.Split('=', 2)).ToArray();
        foreach (var setting in appEnvironment) Report.Line("app_env", string.Join('=', setting));

        Report.Machine();
        using var folder = new TempFolder();
        var published = await PublishAsync(folder.Folder, readyToRun);
        Report.Line("ready_to_run", readyToRun ? "yes" : "no");
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}");

        // Cold: an empty database, migrated and seeded at start-up.
        var (cold, coldProcess) = await StartAsync(published, folder, baseUri, appEnvironment);
        Report.Ms("ready_cold_ms", cold.TotalMilliseconds);
        await StopAsync(coldProcess);
        // Warm: the same database again, as after a restart or deployment; the median of several starts.
        var warmStarts = new List<double>();
        for (var i = 1; i < starts; i++)
        {
            var (ready, process) = await StartAsync(published, folder, baseUri, appEnvironment);
            warmStarts.Add(ready.TotalMilliseconds);
            await StopAsync(process);
        }
        var (warm, app) = await StartAsync(published, folder, baseUri, appEnvironment);
        warmStarts.Add(warm.TotalMilliseconds);
        warmStarts.Sort();
        Report.Ms("ready_warm_ms", warmStarts[warmStarts.Count / 2]);
        Report.Ms("ready_warm_max_ms", warmStarts[^1]);
        if (args.Contains("--ready-only")) { await StopAsync(app); return 0; }
        try
        {
            Report.Line("rss_idle_mb", Mb(Rss(app.Id)), "MB");
            ReportShares(app.Id, "idle");
            var users = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => SignInAsync(baseUri, Users[i % Users.Length])));
            var targets = await TargetsAsync(users[0]);
            Report.Line("rss_signed_in_mb", Mb(Rss(app.Id)), "MB");

            if (soak)
            {
                await SoakAsync(app, users, targets, TimeSpan.FromMinutes(minutes));
                return 0;
            }

            Report.Note($"{clients} concurrent clients, {seconds} s per page after a 2 s warm-up each");
            var pages = new (string Name, Func<Client, string> Path)[]
            {
                ("inbox", _ => "/Tasks"),
                ("case", c => $"/Cases/Details/{targets.CaseIds[c.Number % targets.CaseIds.Count]}"),
                ("task", c => $"/Tasks/Complete/{targets.TaskIds[c.Number % targets.TaskIds.Count]}"),
                ("dashboard", _ => "/Dashboard"),
                ("api_inbox", _ => "/api/v1/tasks"),
            };
            if (onlyPage is not null) Report.Line("pid", app.Id.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, path) in pages.Where(p => onlyPage is null || p.Name == onlyPage))
            {
                await LoadAsync(users, path, TimeSpan.FromSeconds(2), bearer: name.StartsWith("api", StringComparison.Ordinal));
                var cpuBefore = CpuMs(app.Id);
                var result = await LoadAsync(users, path, TimeSpan.FromSeconds(seconds), bearer: name.StartsWith("api", StringComparison.Ordinal));
                var cpu = CpuMs(app.Id) - cpuBefore;
                Report.Line($"{name}_req_per_s", result.PerSecond.ToString("0", CultureInfo.InvariantCulture), "/s");
                // The application's own CPU time per request (user and system, from /proc): moves far less than
                // the rate when other work shares the machine, and leaves out this load generator's share.
                Report.Ms($"{name}_cpu_ms_per_req", result.Count == 0 ? double.NaN : cpu / result.Count);
                Report.Ms($"{name}_p50_ms", result.P50);
                Report.Ms($"{name}_p99_ms", result.P99);
                Report.Ms($"{name}_max_ms", result.Max);
                Report.Count($"{name}_errors", result.Errors, "responses");
                Report.Line($"{name}_rss_mb", Mb(Rss(app.Id)), "MB");
            }
            Report.Line("rss_after_load_mb", Mb(Rss(app.Id)), "MB");
            ReportShares(app.Id, "after_load");
            Report.Line("rss_peak_mb", Mb(Peak(app.Id)), "MB");
            Report.Line("load_avg_end", Report.LoadAverage());
            return 0;
        }
        finally
        {
            await StopAsync(app);
        }
    }

    /// <summary>Mixed reads and writes for the whole soak; the resident memory at each minute.</summary>
    private static async Task SoakAsync(Process app, Client[] users, Targets targets, TimeSpan length)
    {
        Report.Note($"soak: {users.Length} clients, {length.TotalMinutes:0} minutes, 9 page reads to 1 write (claim then release a claimable task)");
        var start = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(length);
        long requests = 0, errors = 0;
        var workers = users.Select(async user =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                i++;
                HttpStatusCode[] statuses;
                if (i % 10 == 0 && targets.ClaimableTaskIds.Count > 0)
                {
                    // A write that leaves the data as it was, so the soak measures memory, not growth of the data.
                    var task = targets.ClaimableTaskIds[(user.Number + i) % targets.ClaimableTaskIds.Count];
                    statuses = [await user.PostAsync($"/api/v1/tasks/{task}/claim"), await user.PostAsync($"/api/v1/tasks/{task}/release")];
                    // Two clients racing for one task: the loser's 409 (or 403 on the other's claim) is the rule working.
                    statuses = statuses.Where(s => s is not (HttpStatusCode.Conflict or HttpStatusCode.Forbidden)).ToArray();
                }
                else
                {
                    var path = (i % 4) switch
                    {
                        0 => "/Tasks",
                        1 => $"/Cases/Details/{targets.CaseIds[(user.Number + i) % targets.CaseIds.Count]}",
                        2 => "/Dashboard",
                        _ => $"/Tasks/Complete/{targets.TaskIds[(user.Number + i) % targets.TaskIds.Count]}",
                    };
                    statuses = [(await user.GetAsync(path, bearer: false)).Status];
                }
                Interlocked.Add(ref requests, statuses.Length);
                Interlocked.Add(ref errors, statuses.Count(s => (int)s >= 400));
            }
        }).ToList();
        var (cpuBefore, requestsBefore) = (CpuMs(app.Id), 0L);
        // One line per whole minute of the soak; the requests still in flight when it stops are not a minute of their own.
        for (var minute = 1; minute <= (int)Math.Ceiling(length.TotalMinutes); minute++)
        {
            var next = TimeSpan.FromMinutes(minute) - start.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next);
            Report.Line($"soak_rss_minute_{minute:00}_mb", Mb(Rss(app.Id)), "MB");
            // The minute's work beside its memory: a memory that grows while the work stays the same is a leak.
            var (cpu, done) = (CpuMs(app.Id), Interlocked.Read(ref requests));
            Report.Count($"soak_requests_minute_{minute:00}", done - requestsBefore, "requests");
            Report.Ms($"soak_cpu_ms_per_req_minute_{minute:00}", done == requestsBefore ? double.NaN : (cpu - cpuBefore) / (done - requestsBefore));
            (cpuBefore, requestsBefore) = (cpu, done);
        }
        await Task.WhenAll(workers);
        Report.Count("soak_requests", requests, "requests");
        Report.Count("soak_errors", errors, "responses");
        Report.Line("soak_rss_peak_mb", Mb(Peak(app.Id)), "MB");
    }

    internal readonly record struct LoadResult(double PerSecond, double P50, double P99, double Max, long Errors, long Count);

    internal static async Task<LoadResult> LoadAsync(Client[] users, Func<Client, string> path, TimeSpan length, bool bearer)
    {
        using var stop = new CancellationTokenSource(length);
        var watch = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(users.Select(async user =>
        {
            var times = new List<double>(4096);
            long errors = 0;
            while (!stop.IsCancellationRequested)
            {
                var (status, ms) = await user.GetAsync(path(user), bearer);
                times.Add(ms);
                if (status != HttpStatusCode.OK) errors++;
            }
            return (times, errors);
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = perClient.SelectMany(c => c.times).Order().ToArray();
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new(all.Length / elapsed, At(0.50), At(0.99), all.LastOrDefault(), perClient.Sum(c => c.errors), all.Length);
    }

    internal sealed record Targets(List<Guid> CaseIds, List<Guid> TaskIds, List<Guid> ClaimableTaskIds);

    /// <summary>Cases and tasks the first user (an investigator) can open, from the API inbox.</summary>
    internal static async Task<Targets> TargetsAsync(Client user)
    {
        var inbox = await user.Http.GetFromJsonAsync<JsonElement>("/api/v1/tasks?pageSize=100");
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        var caseIds = items.Select(i => i.GetProperty("caseId").GetGuid()).Where(id => id != Guid.Empty).Distinct().ToList();
        var taskIds = items.Select(i => i.GetProperty("taskId").GetGuid()).ToList();
        var claimable = items.Where(i => i.TryGetProperty("assignee", out var a) && a.ValueKind == JsonValueKind.Null).Select(i => i.GetProperty("taskId").GetGuid()).ToList();
        if (caseIds.Count == 0 || taskIds.Count == 0) throw new InvalidOperationException("The demo investigator has no tasks: is the demo data seeded?");
        Report.Count("targets_cases", caseIds.Count, "cases");
        Report.Count("targets_tasks", taskIds.Count, "tasks");
        return new(caseIds, taskIds, claimable);
    }

    internal sealed class Client(int number, HttpClient http, string token)
    {
        public int Number => number;
        public HttpClient Http => http;
        public string Token => token;

        public async Task<(HttpStatusCode Status, double Ms)> GetAsync(string path, bool bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            // The API with the bearer token other systems use; pages with the sign-in cookie.
            if (bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return (response.StatusCode, watch.Elapsed.TotalMilliseconds);
        }

        public async Task<HttpStatusCode> PostAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
    }

    private static int clientCount;

    /// <summary>Signs in through the sign-in page (cookie, antiforgery token and all) and takes a bearer token for the API.</summary>
    internal static async Task<Client> SignInAsync(Uri baseUri, string userName, string password = Password)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var form = await http.GetStringAsync("/Account/Login");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        using var login = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = antiforgery,
        }));
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in {userName} answered {(int)login.StatusCode}.");
        using var tokenResponse = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return new Client(Interlocked.Increment(ref clientCount), http, token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>`dotnet publish -c Release` of the web project into the bench's own folder: what a deployment runs.</summary>
    internal static async Task<string> PublishAsync(string folder, bool readyToRun)
    {
        var output = Path.Combine(folder, "publish");
        var project = Path.Combine(RepositoryRoot(), "src", "Investigation.Web", "Investigation.Web.csproj");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
            $"-p:PublishReadyToRun={readyToRun}", "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await log}\n{await errors}");
        return Path.Combine(output, "Investigation.Web.dll");
    }

    private static async Task<(TimeSpan Ready, Process Process)> StartAsync(string dll, TempFolder folder, Uri baseUri, string[][] environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUri.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Investigation"] = $"Data Source={folder.DatabasePath}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(folder.Folder, "keys");
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Demo__Password"] = Password;
        start.Environment["Demo__Cases"] = "true";
        // The clients sign in from one address, far more often than people do: the limit is not what is measured.
        start.Environment["SignIn__PerAddress"] = "100000";
        start.Environment["SignIn__PerAccount"] = "100000";
        foreach (var setting in environment) start.Environment[setting[0]] = setting.Length > 1 ? setting[1] : "";
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        // Drain its output so a full pipe never blocks it.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var probe = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited) throw new InvalidOperationException($"The application exited with {process.ExitCode} before it was ready.");
            try
            {
                using var response = await probe.GetAsync("/Account/Login");
                if (response.StatusCode == HttpStatusCode.OK) return (watch.Elapsed, process);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("The application was not ready within two minutes.");
    }

    internal static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static long Rss(int pid) => StatusKb(pid, "VmRSS:");

    /// <summary>The process's user and system CPU time so far, in ms (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms).</summary>
    private static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }
    private static long Peak(int pid) => StatusKb(pid, "VmHWM:");

    /// <summary>
    /// The resident memory by whose it is (/proc/PID/smaps_rollup): the process's own pages (USS: private, clean or
    /// dirty) and its proportional share of pages it shares (PSS). The resident figure counts in full the mapped
    /// runtime and framework files every .NET process on the machine shares.
    /// </summary>
    private static void ReportShares(int pid, string when)
    {
        var fields = File.ReadLines($"/proc/{pid}/smaps_rollup").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => long.TryParse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? kb : 0);
        Report.Line($"uss_{when}_mb", Mb(fields["Private_Clean"] + fields["Private_Dirty"]), "MB");
        Report.Line($"pss_{when}_mb", Mb(fields["Pss"]), "MB");
    }

    private static long StatusKb(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string Mb(long kb) => (kb / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Investigation.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from within the repository.");
    }
}
