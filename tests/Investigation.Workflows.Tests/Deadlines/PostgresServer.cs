using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// A private PostgreSQL cluster for one test class: initdb into a temporary folder, started on a free
/// loopback port as the postgres user, stopped and deleted afterwards (README: `apt-get install -y postgresql`).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string Bin = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault() ?? ""
        : "";

    private readonly string folder = Directory.CreateTempSubdirectory("investigation-pg-").FullName;
    private int port;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=30;Include Error Detail=true";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql.");
        port = FreePort();
        await RunAsync("chown", "postgres", folder);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "-A", "trust", "--no-sync");
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-w", "-l", Path.Combine(folder, "log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200", "start");
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-w", "-m", "immediate", "stop"); }
        finally { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
