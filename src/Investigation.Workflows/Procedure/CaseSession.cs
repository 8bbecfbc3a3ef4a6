using Investigation.Domain.Cases;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// The case the current command works on, loaded once by its handler, so that the workflow's
/// activities act on the same aggregate instance that the handler saves.
/// </summary>
public sealed class CaseSession
{
    private Case? current;

    public Case Case
    {
        get => current ?? throw new InvalidOperationException("No case is loaded in this scope.");
        set => current = value;
    }

    /// <summary>The case, if a handler loaded one (a step about no case, such as an outage's, has none).</summary>
    public Case? TryGetCase() => current;
}
