namespace Investigation.Workflows.Pipeline;

/// <summary>
/// What a request's scoped services must drop once a command has committed (a copy read before the
/// commit, for one). Registered as scoped services; the transaction behaviour calls each after the commit.
/// </summary>
public interface IAfterCommit
{
    void AfterCommit();
}
