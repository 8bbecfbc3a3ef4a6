using System.Diagnostics;

namespace Investigation.Benchmarks.Harness;

internal readonly record struct Latency(double P50, double P99);

/// <summary>
/// Calls per second, and the process's CPU time per call (every thread: JIT, GC, finalizers). The CPU
/// time moves much less than the rate when other work shares the machine, so compare it too.
/// </summary>
internal readonly record struct Throughput(double PerSecond, double CpuMsPerCall);

/// <summary>Runs an operation one call after another: warm-up calls first (JIT, caches, pools), then timed calls.</summary>
internal static class Measure
{
    /// <summary><paramref name="op"/> gets the call number, warm-up calls first (0 .. warmup-1).</summary>
    public static async Task<Throughput> RateAsync(int warmup, int count, Func<int, Task> op)
    {
        for (var i = 0; i < warmup; i++) await op(i);
        Settle();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = warmup; i < warmup + count; i++) await op(i);
        var elapsed = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return new(count / elapsed.TotalSeconds, cpu.TotalMilliseconds / count);
    }

    /// <summary>The median and 99th percentile of single calls, in milliseconds.</summary>
    public static async Task<Latency> LatencyAsync(int warmup, int count, Func<Task> op)
    {
        for (var i = 0; i < warmup; i++) await op();
        Settle();
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return new(Percentile(samples, 0.50), Percentile(samples, 0.99));
    }

    // Nearest-rank percentile of sorted samples.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    // So that garbage from the warm-up is not collected on the timed calls' clock.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
