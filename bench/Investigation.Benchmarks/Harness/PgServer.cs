using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Investigation.Benchmarks.Harness;

/// <summary>
/// A private PostgreSQL for one benchmark run: initdb into a temporary folder, started on a free loopback
/// port as the postgres user with pg_stat_statements loaded (to count Hangfire's own statements), stopped
/// and deleted afterwards. Durable as shipped (fsync on), unlike the tests' server.
/// </summary>
internal sealed class PgServer : IAsyncDisposable
{
    private static readonly string Bin = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault() ?? ""
        : "";

    private readonly string folder = Directory.CreateTempSubdirectory("investigation-bench-pg-").FullName;
    private int port;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=40";

    public static async Task<PgServer> StartAsync()
    {
        var server = new PgServer();
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql.");
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            server.port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var data = Path.Combine(server.folder, "data");
        await RunAsync("chown", "postgres", server.folder);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust");
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", data, "-w", "-l", Path.Combine(server.folder, "log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {server.port} -k {server.folder} -c max_connections=200 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all", "start");
        return server;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        await using (var connection = new NpgsqlConnection(ConnectionString(name)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE EXTENSION pg_stat_statements", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-w", "-m", "fast", "stop"); }
        finally { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
    }
}
