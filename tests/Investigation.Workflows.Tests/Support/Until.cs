namespace Investigation.Workflows.Tests.Support;

/// <summary>Bounded waits on a condition, for tests that drive something running on its own (a scheduler, a second node).</summary>
public static class Until
{
    /// <summary>Checks the condition every 50 ms until it holds; fails, saying what was awaited, once the bound has passed.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Not seen within {bound}: {what}.");
            await Task.Delay(50);
        }
    }
}
