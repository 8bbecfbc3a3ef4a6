using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Investigation.MultiNode;

/// <summary>
/// Debian's nginx as a foreground child with its own prefix, pid and logs, running the shipped
/// deploy/nginx/investigation.conf with only its ports changed (8080 and 5081, 5082, … become the given
/// ones). The access log names the node that answered each request. Shared by the multi-node test and
/// the nodes benchmark (linked into bench/), so both run exactly what an operator installs.
/// </summary>
public sealed class NginxFront : IAsyncDisposable
{
    public const string Nginx = "/usr/sbin/nginx";

    private readonly Process process;

    private NginxFront(Process process, string accessLog, string errorLog) =>
        (this.process, AccessLog, ErrorLog) = (process, accessLog, errorLog);

    public string AccessLog { get; }
    public string ErrorLog { get; }

    /// <summary>The shipped configuration with the given ports in place of the shipped ones.</summary>
    public static string Render(string shipped, int listenPort, IReadOnlyList<int> nodePorts)
    {
        var rendered = Replace(shipped, "listen 127.0.0.1:8080;", $"listen 127.0.0.1:{listenPort};");
        for (var i = 0; i < 3; i++)
            rendered = i < nodePorts.Count
                ? Replace(rendered, $"server 127.0.0.1:{5081 + i} ", $"server 127.0.0.1:{nodePorts[i]} ")
                // Fewer nodes than shipped: the others' lines go.
                : string.Join('\n', rendered.Split('\n').Where(l => !l.Contains($"server 127.0.0.1:{5081 + i} ", StringComparison.Ordinal)));
        return rendered;
    }

    /// <summary>Starts nginx in <paramref name="prefix"/> on <paramref name="listenPort"/>, and waits (bounded) until it listens.</summary>
    public static async Task<NginxFront> StartAsync(string repositoryRoot, string prefix, int listenPort, IReadOnlyList<int> nodePorts)
    {
        if (!File.Exists(Nginx)) throw new InvalidOperationException("nginx is not installed (/usr/sbin/nginx): apt-get install -y nginx.");
        Directory.CreateDirectory(prefix);
        // Workers run as nobody when the master is root: they write request bodies to these folders.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Path.GetDirectoryName(Path.GetFullPath(prefix))!, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_111_111);
        }
        var (accessLog, errorLog) = (Path.Combine(prefix, "access.log"), Path.Combine(prefix, "error.log"));
        var shipped = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "deploy", "nginx", "investigation.conf"));
        await File.WriteAllTextAsync(Path.Combine(prefix, "investigation.conf"), Render(shipped, listenPort, nodePorts));
        var main = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            error_log {{errorLog}} warn;
            events { worker_connections 1024; }
            http {
                log_format nodes '$http_x_test_request|$status|$request_method $request_uri|$upstream_addr|$upstream_status';
                access_log {{accessLog}} nodes;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/investigation.conf;
            }
            """);
        var start = new ProcessStartInfo(Nginx) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-p", prefix, "-e", errorLog, "-c", main, "-g", $"daemon off; pid {prefix}/nginx.pid;" }) start.ArgumentList.Add(a);
        var nginx = Process.Start(start)!;
        var errors = new ConcurrentQueue<string>();
        nginx.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        nginx.BeginErrorReadLine();
        nginx.BeginOutputReadLine();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (nginx.HasExited)
                throw new InvalidOperationException($"nginx exited ({nginx.ExitCode}): {string.Join('\n', errors)} {await SafeReadAsync(errorLog)}");
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, listenPort);
                return new NginxFront(nginx, accessLog, errorLog);
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        nginx.Kill();
        throw new TimeoutException("nginx did not listen within 10 s: " + await SafeReadAsync(errorLog));
    }

    private static string Replace(string text, string what, string with) =>
        text.Contains(what, StringComparison.Ordinal)
            ? text.Replace(what, with, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/investigation.conf no longer holds '{what}': update NginxFront with it.");

    public static async Task<string> SafeReadAsync(string path)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return await new StreamReader(stream).ReadToEndAsync();
        }
        catch (IOException) { return ""; }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        process.Dispose();
    }
}
