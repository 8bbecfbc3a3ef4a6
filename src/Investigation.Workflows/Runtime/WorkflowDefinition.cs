using System.Collections.Frozen;

namespace Investigation.Workflows.Runtime;

/// <summary>An arrow of the flowchart: when <see cref="From"/> completes with <see cref="Outcome"/>, <see cref="To"/> runs.</summary>
public sealed record Connection(string From, string Outcome, string To)
{
    public override string ToString() => $"{From} --{Outcome}--> {To}";
}

/// <summary>
/// A versioned flowchart, built with <see cref="WorkflowBuilder"/>. Immutable: instances that
/// started on it keep running on it after a newer version is registered.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly FrozenDictionary<string, Activity> byId;
    private readonly Dictionary<(string From, string Outcome), string[]> targets;
    private readonly FrozenDictionary<string, FrozenSet<string>> reachable;

    internal WorkflowDefinition(string name, int version, string startActivityId, IReadOnlyList<Activity> activities, IReadOnlyList<Connection> connections)
    {
        Name = name;
        Version = version;
        StartActivityId = startActivityId;
        Activities = activities;
        Connections = connections;
        byId = activities.ToFrozenDictionary(a => a.Id);
        targets = connections.GroupBy(c => (c.From, c.Outcome)).ToDictionary(g => g.Key, g => g.Select(c => c.To).ToArray());
        reachable = Reachability(activities, connections);
    }

    public string Name { get; }
    public int Version { get; }
    public string StartActivityId { get; }
    public IReadOnlyList<Activity> Activities { get; }
    public IReadOnlyList<Connection> Connections { get; }

    public Activity GetActivity(string id) => byId.TryGetValue(id, out var activity)
        ? activity
        : throw new WorkflowException($"Workflow '{Name}' v{Version} has no activity '{id}'.");

    /// <summary>Where a path goes when <paramref name="from"/> completes with <paramref name="outcome"/>; empty means the path ends.</summary>
    public IReadOnlyList<string> Targets(string from, string outcome) => targets.GetValueOrDefault((from, outcome), []);

    /// <summary>Whether a path leaving <paramref name="from"/> can arrive at <paramref name="to"/> (over one or more connections).</summary>
    public bool CanReach(string from, string to) => !reachable.TryGetValue(from, out var set) || set.Contains(to);

    // Joins ask "can any live path still reach me?" at run time; definitions are small, so
    // every answer is computed once here rather than walking the graph during a step.
    private static FrozenDictionary<string, FrozenSet<string>> Reachability(IReadOnlyList<Activity> activities, IReadOnlyList<Connection> connections)
    {
        var next = connections.ToLookup(c => c.From, c => c.To);
        return activities.ToFrozenDictionary(a => a.Id, a =>
        {
            var seen = new HashSet<string>();
            var pending = new Stack<string>(next[a.Id]);
            while (pending.TryPop(out var id))
                if (seen.Add(id))
                    foreach (var to in next[id]) pending.Push(to);
            return seen.ToFrozenSet();
        });
    }
}
