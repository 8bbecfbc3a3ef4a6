using System.Diagnostics;

namespace Investigation.Benchmarks.Harness;

/// <summary>Milliseconds per call: the median and the 99th percentile of wall time, and the mean CPU time of the process.</summary>
internal readonly record struct Latency(double P50, double P99, double CpuMs);

/// <summary>
/// Calls per second, the process's CPU time per call (every thread: JIT, GC, finalizers), and the bytes
/// allocated per call. The CPU time moves much less than the rate when other work shares the machine,
/// and the allocation not at all, so compare them too.
/// </summary>
/// <summary>Calls per second, CPU and allocation per call; for calls in flight at once, also the 99th percentile and the slowest call.</summary>
internal readonly record struct Throughput(double PerSecond, double CpuMsPerCall, double AllocatedKbPerCall, double? P99Ms = null, double? MaxMs = null);

/// <summary>Runs an operation one call after another: warm-up calls first (JIT, caches, pools), then timed calls.</summary>
internal static class Measure
{
    /// <summary>Rounds of <see cref="MedianRateAsync"/>.</summary>
    public const int Rounds = 3;

    /// <summary><paramref name="op"/> gets the call number, warm-up calls first (0 .. warmup-1).</summary>
    public static async Task<Throughput> RateAsync(int warmup, int count, Func<int, Task> op)
    {
        for (var i = 0; i < warmup; i++) await op(i);
        Settle();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        for (var i = warmup; i < warmup + count; i++) await op(i);
        var elapsed = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return new(count / elapsed.TotalSeconds, cpu.TotalMilliseconds / count, allocated / 1024.0 / count);
    }

    /// <summary>
    /// <see cref="RateAsync"/> in <paramref name="rounds"/> rounds after one warm-up, each on fresh call numbers
    /// (round r gets warmup + r * count .. warmup + (r + 1) * count - 1); the round with the median rate. One
    /// round on this shared 2-core machine moved by a third from run to run; the median of three much less.
    /// </summary>
    public static async Task<Throughput> MedianRateAsync(int warmup, int count, Func<int, Task> op, int rounds = Rounds)
    {
        for (var i = 0; i < warmup; i++) await op(i);
        var results = new List<Throughput>();
        for (var r = 0; r < rounds; r++)
        {
            var offset = warmup + r * count;
            results.Add(await RateAsync(0, count, i => op(offset + i)));
        }
        return results.OrderBy(t => t.PerSecond).ElementAt(rounds / 2);
    }

    /// <summary>
    /// The same, with <paramref name="workers"/> calls in flight at once (as concurrent requests would be): the
    /// warm-up one after another, then the timed calls 0 .. count-1 shared out as each worker comes free.
    /// </summary>
    public static async Task<Throughput> ConcurrentRateAsync(int warmup, int count, int workers, Func<int, Task> op)
    {
        for (var i = 0; i < warmup; i++) await op(i);
        Settle();
        var next = warmup - 1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        // Each call's own time too: a writer that waits out a busy database shows in the tail before the rate.
        var calls = new double[count];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < warmup + count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await op(i);
                calls[i - warmup] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var elapsed = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Array.Sort(calls);
        return new(count / elapsed.TotalSeconds, cpu.TotalMilliseconds / count, allocated / 1024.0 / count,
            calls[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)], calls[^1]);
    }

    /// <summary>The median and 99th percentile of single calls, in milliseconds.</summary>
    public static async Task<Latency> LatencyAsync(int warmup, int count, Func<Task> op)
    {
        for (var i = 0; i < warmup; i++) await op();
        Settle();
        var samples = new double[count];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Array.Sort(samples);
        return new(Percentile(samples, 0.50), Percentile(samples, 0.99), cpu.TotalMilliseconds / count);
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
