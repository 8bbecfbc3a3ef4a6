using System.Net;
using System.Threading.RateLimiting;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Limits sign-in attempts (the sign-in page and the token endpoint) per account and per client address,
/// whether or not the account exists: "SignIn:PerAccount" attempts per "SignIn:AccountWindow" (default 10
/// per 5 minutes) and "SignIn:PerAddress" per "SignIn:AddressWindow" (default 30 per minute). Counted in
/// each node's memory: behind a balancer of N nodes, an attacker gets at most N times the limit.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> accounts;
    private readonly PartitionedRateLimiter<string> addresses;

    public SignInThrottle(IConfiguration configuration)
    {
        accounts = Limiter(configuration.GetValue("SignIn:PerAccount", 10), configuration.GetValue("SignIn:AccountWindow", TimeSpan.FromMinutes(5)));
        addresses = Limiter(configuration.GetValue("SignIn:PerAddress", 30), configuration.GetValue("SignIn:AddressWindow", TimeSpan.FromMinutes(1)));
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, SegmentsPerWindow = 5, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>Counts one attempt; false (and how long to wait) when the account or the address has used its attempts.</summary>
    public bool TryAttempt(string? userName, IPAddress? address, out TimeSpan retryAfter)
    {
        using var byAddress = addresses.AttemptAcquire(address?.ToString() ?? "unknown");
        using var byAccount = accounts.AttemptAcquire((userName ?? "").Trim().ToUpperInvariant());
        retryAfter = TimeSpan.Zero;
        if (byAddress.IsAcquired && byAccount.IsAcquired) return true;
        retryAfter = (byAddress.TryGetMetadata(MetadataName.RetryAfter, out var a) ? a : TimeSpan.Zero) is var ra
            && (byAccount.TryGetMetadata(MetadataName.RetryAfter, out var b) ? b : TimeSpan.Zero) is var rb && ra > rb ? ra : rb;
        if (retryAfter <= TimeSpan.Zero) retryAfter = TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose()
    {
        accounts.Dispose();
        addresses.Dispose();
    }
}
