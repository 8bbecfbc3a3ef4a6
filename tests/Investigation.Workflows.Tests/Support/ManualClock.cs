namespace Investigation.Workflows.Tests.Support;

/// <summary>
/// A clock that moves only when the test says so, so deadlines and timers are tested without
/// sleeping. Local time is UTC unless <see cref="Zone"/> says otherwise, so results do not depend
/// on the machine.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public ManualClock() : this(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero)) { }

    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    public override TimeZoneInfo LocalTimeZone => Zone;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref utcTicks, by.Ticks);
    }

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref utcTicks, now.UtcTicks);
}
