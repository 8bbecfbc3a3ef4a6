using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Investigation.Benchmarks.Harness;

/// <summary>Prints one figure per line as <c>name: value unit</c>, so a script can grep any of them.</summary>
internal static class Report
{
    public static void Line(string name, string value, string unit = "") =>
        Console.WriteLine(unit.Length == 0 ? $"{name}: {value}" : $"{name}: {value} {unit}");

    public static void Rate(string name, double perSecond) => Line(name, perSecond.ToString("0", CultureInfo.InvariantCulture), "/s");

    /// <summary>The rate as <c>{what}_per_s_{suffix}</c>, the CPU time per call as <c>{what}_cpu_ms_{suffix}</c>, the allocation per call as <c>{what}_alloc_kb_{suffix}</c>.</summary>
    public static void Rate(string what, string suffix, Throughput throughput)
    {
        Rate($"{what}_per_s_{suffix}", throughput.PerSecond);
        Ms($"{what}_cpu_ms_{suffix}", throughput.CpuMsPerCall);
        Line($"{what}_alloc_kb_{suffix}", throughput.AllocatedKbPerCall.ToString("0.0", CultureInfo.InvariantCulture), "KB");
        if (throughput.P99Ms is { } p99) Ms($"{what}_p99_ms_{suffix}", p99);
        if (throughput.MaxMs is { } max) Ms($"{what}_max_ms_{suffix}", max);
    }
    public static void Ms(string name, double ms) => Line(name, ms.ToString("0.000", CultureInfo.InvariantCulture), "ms");
    public static void Ratio(string name, double ratio) => Line(name, ratio.ToString("0.00", CultureInfo.InvariantCulture), "x");
    public static void Count(string name, long count, string unit) => Line(name, count.ToString(CultureInfo.InvariantCulture), unit);

    /// <summary>Context for a reader, not a figure: starts with '#'.</summary>
    public static void Note(string text) => Console.WriteLine($"# {text}");

    public static void Machine()
    {
        Line("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Line("cpu", CpuModel());
        Line("os", RuntimeInformation.OSDescription);
        Line("dotnet", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})");
        Line("gc", GCSettings.IsServerGC ? "server" : "workstation");
        Line("temp_dir", Path.GetTempPath());
        Line("sqlite", SqliteVersion());
        // Other work on the machine moves every figure: read them against this.
        Line("load_avg_start", LoadAverage());
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    private static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var model = File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
