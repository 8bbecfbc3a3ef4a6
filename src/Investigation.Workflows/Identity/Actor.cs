using Investigation.Domain;

namespace Investigation.Workflows.Identity;

/// <summary>Who sends a command: the signed-in user, with their roles and unit.</summary>
public sealed record Actor(string UserId, string UserName, UnitId UnitId, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);
    public bool IsInAny(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>The system itself, for deadline jobs and start-up seeding.</summary>
    public static readonly Actor System = new("system", "system", default, new HashSet<string>());
}

/// <summary>The actor of the current scope: set by the web layer from the signed-in user, or by tests.</summary>
public sealed class CurrentActor
{
    private Actor? actor;

    public Actor Actor
    {
        get => actor ?? throw new InvalidOperationException("No actor is set for this request.");
        set => actor = value;
    }

    public bool IsSet => actor is not null;
}
