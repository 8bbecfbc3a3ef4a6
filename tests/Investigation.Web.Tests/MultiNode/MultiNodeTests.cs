using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Investigation.Web.Tests.Api;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Deadlines;
using Npgsql;
using Xunit.Abstractions;

namespace Investigation.Web.Tests.MultiNode;

/// <summary>
/// Issue 14's test, as an operator would run it: a private PostgreSQL, three application processes started
/// at the same moment on its empty database, the shipped nginx configuration in front, and a mixed load of
/// signed-in users through nginx for a bounded time, during which an administrator adds a unit on one
/// node and one node is killed (kill -9) and started again.
/// </summary>
[Collection(nameof(MultiNodeTests))]
public sealed class MultiNodeTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(22);
    private static readonly TimeSpan KillAt = TimeSpan.FromSeconds(8);
    private const int Killed = 1;

    private sealed record Call(long Id, string Method, string Url, int Status, string Body, TimeSpan SentAt, TimeSpan AnsweredAt);

    private readonly ConcurrentQueue<Call> calls = new();
    private readonly Stopwatch clock = new();
    private long nextId;

    [Fact]
    public async Task ThreeNodesBehindNginx_UnderLoad_WithAUnitAddedAndANodeKilled_KeepEveryWriteOnce_AndNeverAnswer5xx()
    {
        var connectionString = await postgres.CreateDatabaseAsync("multinode");
        await using var cluster = new NodeCluster(connectionString);
        try
        {
            await RunAsync(cluster, connectionString);
        }
        catch
        {
            // What the nodes logged is the first thing to read when this fails in CI.
            for (var i = 0; i < cluster.Ports.Length; i++) log.WriteLine($"--- node {i} ---\n{cluster.Output(i)}");
            throw;
        }
    }

    private async Task RunAsync(NodeCluster cluster, string connectionString)
    {

        // Three nodes at the same moment on an empty database: each migrates and seeds under the lock.
        for (var i = 0; i < cluster.Ports.Length; i++) cluster.Start(i);
        await Task.WhenAll(cluster.Ports.Select((_, i) => cluster.WaitReadyAsync(i, TimeSpan.FromSeconds(60))));
        await cluster.StartNginxAsync();
        clock.Start();

        var users = new Dictionary<string, HttpClient>();
        HttpClient User(string key) => users[key];
        foreach (var (key, name) in new[]
                 {
                     ("officer1", "caseofficer"), ("officer2", "caseofficer"),
                     ("inv1a", "investigator"), ("inv1b", "investigator2"), ("inv2a", "investigator"), ("inv2b", "investigator2"),
                     ("auditor", "auditor"), ("outsider", "caseofficer-linchuan"),
                 })
            users[key] = await BearerAsync(cluster.Balancer, name);

        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var accepted = Channel.CreateUnbounded<Guid>();
        var races = new ConcurrentQueue<string>();
        // The load ends LoadFor after it began, or later if the killed node's restart ends late (below).
        using var stop = new CancellationTokenSource();

        // Registrations, each accepted at once by its officer: writes on different cases from two sessions.
        async Task RegisterLoop(HttpClient officer, string who)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var title = $"多节点负载 {who}-{++n}";
                var registered = await SendAsync(officer, HttpMethod.Post, "/api/v1/cases", ApiClient.PortalOutage(DateTimeOffset.UtcNow, title),
                    idempotencyKey: $"register-{who}-{n}");
                if (registered.Status != 201) continue;
                var caseId = JsonNode.Parse(registered.Body)!["caseId"]!.GetValue<Guid>();
                acknowledged[caseId] = title;
                if (await TaskIdAsync(officer, caseId, TaskKinds.Acceptance) is not { } acceptance) continue;
                await SendAsync(officer, HttpMethod.Post, $"/api/v1/tasks/{acceptance}/claim");
                var done = await SendAsync(officer, HttpMethod.Post, $"/api/v1/tasks/{acceptance}/acceptance",
                    new { accept = true, leadInvestigator = "investigator", members = new[] { "investigator2" } });
                if (done.Status == 204) accepted.Writer.TryWrite(caseId); // false once the load is over
            }
        }

        // Two team members claim the same task at the same moment, then both try to complete it.
        async Task RaceLoop(HttpClient a, HttpClient b)
        {
            await foreach (var caseId in accepted.Reader.ReadAllAsync())
            {
                if (stop.IsCancellationRequested) return;
                if (await TaskIdAsync(a, caseId, TaskKinds.PartyConcernedFindings) is not { } task) continue;
                var claims = await Task.WhenAll(SendAsync(a, HttpMethod.Post, $"/api/v1/tasks/{task}/claim"), SendAsync(b, HttpMethod.Post, $"/api/v1/tasks/{task}/claim"));
                races.Enqueue($"claim {task}: {string.Join(",", claims.Select(c => c.Status).Order())}");
                var findings = new
                {
                    findings = new[]
                    {
                        new { personId = CaseScript.Operator.Value, responsible = true, facts = "未落实网站安全巡检和值班报告制度。", evidence = new[] { "询问笔录" }, dutyFailed = "ProtectionAndIncidentHandling" },
                    },
                };
                var completions = await Task.WhenAll(SendAsync(a, HttpMethod.Post, $"/api/v1/tasks/{task}/findings", findings),
                    SendAsync(b, HttpMethod.Post, $"/api/v1/tasks/{task}/findings", findings));
                races.Enqueue($"complete {task}: {string.Join(",", completions.Select(c => c.Status).Order())}");
            }
        }

        // Inbox and case reads: the auditor sees every case; an officer of another unit sees none of them.
        async Task ReadLoop(HttpClient reader, bool seesCases)
        {
            var random = new Random();
            while (!stop.IsCancellationRequested)
            {
                await SendAsync(reader, HttpMethod.Get, "/api/v1/tasks");
                var ids = acknowledged.Keys.ToArray();
                if (ids.Length == 0) continue;
                var read = await SendAsync(reader, HttpMethod.Get, $"/api/v1/cases/{ids[random.Next(ids.Length)]}");
                if (read.Status < 500 && read.Status != (seesCases ? 200 : 404))
                    races.Enqueue($"UNEXPECTED read {read.Url} by {(seesCases ? "auditor" : "outsider")}: {read.Status} {read.Body}");
            }
        }

        var load = new List<Task>
        {
            RegisterLoop(User("officer1"), "a"), RegisterLoop(User("officer2"), "b"),
            RaceLoop(User("inv1a"), User("inv1b")), RaceLoop(User("inv2a"), User("inv2b")),
            ReadLoop(User("auditor"), seesCases: true), ReadLoop(User("outsider"), seesCases: false),
        };

        // During the load: a unit added on node 1, seen on every node directly within a second.
        var organisation = await AddUnitAsync(cluster);

        // kill -9 of one node mid-run, and its restart; nginx must route around it meanwhile.
        while (clock.Elapsed < KillAt) await Task.Delay(50);
        var killedAt = clock.Elapsed;
        cluster.Kill(Killed);
        // A request sent while the kill was under way (until the process was gone) may have reached the node too.
        var goneAt = clock.Elapsed;
        cluster.Start(Killed);
        await cluster.WaitReadyAsync(Killed, TimeSpan.FromSeconds(40));
        var readyAgainAt = clock.Elapsed;
        // On a slow machine the restart may end late: the load goes on past nginx's fail_timeout (5 s, during which
        // it leaves a node that failed alone), so that nginx sends the node work again.
        var rest = LoadFor - clock.Elapsed;
        stop.CancelAfter(rest > TimeSpan.FromSeconds(7) ? rest : TimeSpan.FromSeconds(7));

        await stop.Token.WhenCancelled();
        accepted.Writer.Complete();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < cluster.Ports.Length; i++) await cluster.WaitReadyAsync(i, TimeSpan.FromSeconds(10));

        var all = calls.ToArray();
        var access = await AccessLogAsync(cluster);
        log.WriteLine($"{all.Length} calls through nginx in {LoadFor.TotalSeconds} s; {acknowledged.Count} registrations acknowledged; " +
                      $"{races.Count(r => r.StartsWith("claim"))} claim races; node {Killed} killed at {killedAt.TotalSeconds:F1} s (gone at {goneAt.TotalSeconds:F2} s), ready again at {readyAgainAt.TotalSeconds:F1} s; " +
                      $"unit seen on every node after {organisation.TotalMilliseconds:F0} ms");
        foreach (var group in access.Values.GroupBy(a => a.Upstream)) log.WriteLine($"  answered via {group.Key}: {group.Count()}");

        // 0 5xx, the kill included: nginx resends a request cut off by the kill to another node (POSTs too), and
        // every write carries an idempotency key (the registrations their own header, the others nginx's request id),
        // so a write the killed node had committed is answered from its stored outcome, not done again.
        var resent = access.Where(a => a.Value.Upstream.Contains(',', StringComparison.Ordinal)).ToList();
        foreach (var (id, line) in resent)
            log.WriteLine($"  resent by nginx: {all.FirstOrDefault(c => c.Id == id)?.Method} {all.FirstOrDefault(c => c.Id == id)?.Url} via {line.Upstream} ({line.UpstreamStatus})");
        var server = all.Where(c => c.Status >= 500 || c.Status == 0)
            .Select(c => $"{c.Method} {c.Url} -> {c.Status} (via {(access.TryGetValue(c.Id, out var l) ? l.Upstream + " " + l.UpstreamStatus : "?")}): {c.Body}").ToList();
        Assert.True(server.Count == 0, $"{server.Count} answers with status >= 500:\n{string.Join('\n', server.Take(20))}\nnginx errors:\n{await NodeCluster.SafeReadAsync(cluster.ErrorLog)}");

        // nginx took the restarted node back.
        var killedPort = $"127.0.0.1:{cluster.Ports[Killed]}";
        Assert.Contains(all, c => c.SentAt > readyAgainAt && access.TryGetValue(c.Id, out var line) && line.Upstream == killedPort && c.Status < 500);

        // A race on one task: one success and one 409 (or 403 once it is completed), never two successes.
        Assert.DoesNotContain(races, r => r.StartsWith("UNEXPECTED"));
        Assert.DoesNotContain(races, r => r.EndsWith("204,204"));
        Assert.Contains(races, r => r.StartsWith("claim") && r.EndsWith("204,409"));
        Assert.True(acknowledged.Count >= 10, $"Only {acknowledged.Count} registrations acknowledged in {LoadFor.TotalSeconds} s.");

        // Every acknowledged registration is in the database exactly once, under its own number.
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync();
            var rows = new List<(Guid Id, string Title, string Number)>();
            await using (var command = new NpgsqlCommand("""SELECT "Id", "Title", "Number" FROM cases""", db))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
            foreach (var (id, title) in acknowledged)
                Assert.True(rows.Count(r => r.Id == id && r.Title == title) == 1, $"Acknowledged case {id} ({title}) is not in the database exactly once.");
            Assert.Equal(rows.Count, rows.Select(r => r.Number).Distinct().Count());
            // Each registration was sent once, under a title of its own: a title twice is a write done twice (a resend run again).
            var twice = rows.GroupBy(r => r.Title).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
            Assert.True(twice.Count == 0, $"Registrations done more than once: {string.Join(", ", twice)}");
        }

        // The audit chain, written by three nodes at once, verifies.
        var auditor = User("auditor");
        var verify = await SendAsync(auditor, HttpMethod.Get, "/api/v1/audit/verify");
        Assert.True(verify.Status == 200, verify.Body);
        Assert.True(JsonNode.Parse(verify.Body)!["intact"]!.GetValue<bool>(), verify.Body);
        foreach (var client in users.Values) client.Dispose();
    }

    /// <summary>Adds a unit through node 0's page and returns how long until every node showed it (asserting it is under a second).</summary>
    private async Task<TimeSpan> AddUnitAsync(NodeCluster cluster)
    {
        var cookies = new CookieContainer();
        HttpClient Browser(Uri to) => new(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = to, Timeout = TimeSpan.FromSeconds(30) };
        using var balanced = Browser(cluster.Balancer);
        var signIn = await PostFormAsync(balanced, "/Account/Login", ("Input.UserName", "admin"), ("Input.Password", NodeCluster.Password));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"Admin sign-in: {signIn.StatusCode}");

        var direct = cluster.Ports.Select((_, i) => Browser(cluster.Node(i))).ToList();
        try
        {
            const string name = "多节点测试新增单位";
            // Each node reads (and caches) the tree before the change, with the cookie from the balancer.
            foreach (var node in direct) Assert.DoesNotContain(name, await node.GetStringAsync("/Admin/Organisation"));

            var added = await PostFormAsync(direct[0], "/Admin/Organisation/AddUnit",
                ("Input.Name", name), ("Input.Kind", "PartyOrGovernmentOrgan"), ("Input.Level", "Prefecture"),
                ("Input.ParentId", DemoOrganisation.Linchuan.Value.ToString()), ("Input.Industry", "政务"));
            Assert.True(added.StatusCode == HttpStatusCode.Redirect, $"AddUnit: {added.StatusCode} {await added.Content.ReadAsStringAsync()}");
            var committed = Stopwatch.StartNew();

            var seen = await Task.WhenAll(direct.Select(async (node, i) =>
            {
                while (true)
                {
                    var asked = committed.Elapsed;
                    if ((await node.GetStringAsync("/Admin/Organisation")).Contains(name, StringComparison.Ordinal)) return asked;
                    Assert.True(committed.Elapsed < TimeSpan.FromSeconds(1), $"Node {i} still shows the old organisation tree 1 s after the unit was added.");
                    await Task.Delay(20);
                }
            }));
            // A node that was asked after the second had passed and only then answered would be a failure too.
            Assert.All(seen, s => Assert.True(s < TimeSpan.FromSeconds(1), $"A node first showed the unit when asked at {s.TotalMilliseconds:F0} ms."));
            return seen.Max();
        }
        finally
        {
            foreach (var node in direct) node.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] values)
    {
        var shown = await client.GetAsync(url);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.True(shown.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)shown.StatusCode} {html}");
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var form = page.QuerySelector("main form[method=post]") as IHtmlFormElement ?? throw new InvalidOperationException($"No form on {url}.");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name) && values.All(v => v.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpClient> BearerAsync(Uri balancer, string userName)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = balancer, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = NodeCluster.Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Token for {userName}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await ApiClient.JsonAsync(response))["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The open task of a kind on a case, polled for a short bounded time (the step before may still be committing on another node).</summary>
    private async Task<Guid?> TaskIdAsync(HttpClient client, Guid caseId, string kind)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            var inbox = await SendAsync(client, HttpMethod.Get, $"/api/v1/tasks?caseId={caseId}&kind={kind}");
            if (inbox.Status == 200 && JsonNode.Parse(inbox.Body)!["items"]!.AsArray() is [{ } item, ..]) return item["taskId"]!.GetValue<Guid>();
            await Task.Delay(50);
        }
        return null;
    }

    /// <summary>One request through nginx, recorded with its status and (for failures) its body; tagged so the access log names the node that answered.</summary>
    private async Task<Call> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        var id = Interlocked.Increment(ref nextId);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Test-Request", id.ToString());
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        var sent = clock.Elapsed;
        Call call;
        try
        {
            using var response = await client.SendAsync(request);
            call = new(id, method.Method, url, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), sent, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            call = new(id, method.Method, url, 0, e.Message, sent, clock.Elapsed);
        }
        calls.Enqueue(call);
        return call;
    }

    private sealed record AccessLine(string Upstream, string UpstreamStatus);

    private static async Task<Dictionary<long, AccessLine>> AccessLogAsync(NodeCluster cluster)
    {
        var lines = new Dictionary<long, AccessLine>();
        foreach (var line in (await NodeCluster.SafeReadAsync(cluster.AccessLog)).Split('\n'))
        {
            var parts = line.Split('|');
            if (parts.Length < 5 || !long.TryParse(parts[0], out var id)) continue;
            lines[id] = new(parts[3], parts[4]);
        }
        return lines;
    }
}

/// <summary>Three application processes and nginx use the machine's cores: run alone, so that neither this test nor the others starve.</summary>
[CollectionDefinition(nameof(MultiNodeTests), DisableParallelization = true)]
public sealed class MultiNodeCollection;

internal static class CancellationTokenExtensions
{
    /// <summary>Completes when the token is cancelled (the load's bounded time is over).</summary>
    public static Task WhenCancelled(this CancellationToken token)
    {
        var done = new TaskCompletionSource();
        token.Register(() => done.TrySetResult());
        return done.Task;
    }
}
