using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Investigation.MultiNode;
using Investigation.Web.Tests.Infrastructure;

namespace Investigation.Web.Tests.MultiNode;

/// <summary>
/// Three application processes (the built Investigation.Web.dll, as the systemd template unit starts it)
/// on one PostgreSQL database, and Debian's nginx in front of them running the shipped
/// deploy/nginx/investigation.conf with only its ports changed. Every process is killed on dispose.
/// </summary>
internal sealed class NodeCluster : IAsyncDisposable
{
    public const string Password = "Test-Password-2026!";

    private readonly string folder = Directory.CreateTempSubdirectory("investigation-nodes-").FullName;
    private readonly string connectionString;
    private readonly string auditKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly Process?[] nodes;
    private readonly ConcurrentQueue<string>[] output;
    private NginxFront? nginx;

    public NodeCluster(string connectionString, int count = 3)
    {
        this.connectionString = connectionString;
        Ports = [.. Enumerable.Range(0, count).Select(_ => FreePort())];
        NginxPort = FreePort();
        nodes = new Process?[count];
        output = [.. Enumerable.Range(0, count).Select(_ => new ConcurrentQueue<string>())];
    }

    public int[] Ports { get; }
    public int NginxPort { get; }
    public Uri Balancer => new($"http://127.0.0.1:{NginxPort}");
    public Uri Node(int i) => new($"http://127.0.0.1:{Ports[i]}");
    public string AccessLog => Path.Combine(folder, "nginx", "access.log");
    public string ErrorLog => Path.Combine(folder, "nginx", "error.log");

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Investigation.sln"))) return d.FullName;
        throw new InvalidOperationException("Investigation.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The web application as the test project's build made it (same configuration), run from its project folder.</summary>
    private static string WebDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // bin/<Configuration>/<tfm>
        var (configuration, tfm) = (output.Parent!.Name, output.Name);
        var dll = Path.Combine(Root, "src", "Investigation.Web", "bin", configuration, tfm, "Investigation.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Investigation.Web first.");
    }

    /// <summary>Starts a node's process (not waiting for it): the settings every node shares, its own port and checkpoint file.</summary>
    public void Start(int i)
    {
        var home = Directory.CreateDirectory(Path.Combine(folder, $"node{i}")).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = home, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { WebDll(), "--urls", $"http://127.0.0.1:{Ports[i]}", "--contentRoot", Path.Combine(Root, "src", "Investigation.Web") })
            start.ArgumentList.Add(a);
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = "Postgres";
        env["ConnectionStrings__Investigation"] = connectionString;
        env["Database__MigrateAtStart"] = "true";
        env["Demo__Enabled"] = "true";
        env["Demo__Password"] = Password;
        env["Demo__Cases"] = "false";
        env["Audit__Keys__0"] = auditKey;
        env["Audit__CheckpointPath"] = Path.Combine(home, "audit-checkpoints.log");
        env["DataProtection__CertificatePath"] = CertifiedWebApp.Certificate.Value;
        env["DataProtection__CertificatePassword"] = "test-pfx-password";
        env["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        void Keep(string? line)
        {
            if (line is null) return;
            output[i].Enqueue(line);
            while (output[i].Count > 400) output[i].TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        nodes[i] = process;
    }

    /// <summary>kill -9: no shutdown, no flushing, connections cut.</summary>
    public void Kill(int i)
    {
        var process = nodes[i] ?? throw new InvalidOperationException($"Node {i} is not running.");
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        process.Dispose();
        nodes[i] = null;
    }

    public string Output(int i) => string.Join('\n', output[i]);

    /// <summary>Waits until the node's /health/ready answers 200, or fails with its last output.</summary>
    public async Task WaitReadyAsync(int i, TimeSpan within)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < within)
        {
            if (nodes[i] is { HasExited: true } p)
                throw new InvalidOperationException($"Node {i} exited ({p.ExitCode}) before it was ready:\n{Output(i)}");
            try
            {
                var response = await client.GetAsync(new Uri(Node(i), "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { last = e.Message; }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Node {i} not ready within {within.TotalSeconds} s (last answer: {last}):\n{Output(i)}");
    }

    /// <summary>nginx running the shipped configuration with the test's ports (<see cref="NginxFront"/>).</summary>
    public async Task StartNginxAsync() => nginx = await NginxFront.StartAsync(Root, Path.Combine(folder, "nginx"), NginxPort, Ports);

    public static Task<string> SafeReadAsync(string path) => NginxFront.SafeReadAsync(path);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (nginx is not null) await nginx.DisposeAsync();
        foreach (var process in nodes)
        {
            if (process is null) continue;
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
            process.Dispose();
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
