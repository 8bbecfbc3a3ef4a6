namespace Investigation.Workflows.Runtime;

/// <summary>
/// Builds a <see cref="WorkflowDefinition"/>:
/// <c>new WorkflowBuilder("name", 1).Add(a).Add(b).Connect("a", "Done", "b").Build()</c>.
/// The first activity added is the start unless <see cref="StartWith"/> says otherwise.
/// </summary>
public sealed class WorkflowBuilder(string name, int version)
{
    private readonly List<Activity> activities = [];
    private readonly List<Connection> connections = [];
    private string? startActivityId;

    public WorkflowBuilder Add(params Activity[] activity)
    {
        activities.AddRange(activity);
        return this;
    }

    /// <summary>Several connections on one outcome fork the path.</summary>
    public WorkflowBuilder Connect(string from, string outcome, string to)
    {
        connections.Add(new Connection(from, outcome, to));
        return this;
    }

    public WorkflowBuilder Connect(string from, string to) => Connect(from, ActivityResult.Done, to);

    public WorkflowBuilder StartWith(string activityId)
    {
        startActivityId = activityId;
        return this;
    }

    /// <exception cref="WorkflowDefinitionException">listing every problem found, not just the first.</exception>
    public WorkflowDefinition Build()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add("it has no name");
        if (version < 1) errors.Add($"its version is {version}, but versions start at 1");

        foreach (var duplicate in activities.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            errors.Add($"activity id '{duplicate.Key}' is used {duplicate.Count()} times");

        var ids = activities.Select(a => a.Id).ToHashSet();
        var start = startActivityId ?? activities.FirstOrDefault()?.Id;
        if (start is null) errors.Add("it has no start activity (no activities were added)");
        else if (!ids.Contains(start)) errors.Add($"its start activity '{start}' is not one of its activities");

        foreach (var c in connections)
        {
            if (!ids.Contains(c.From)) errors.Add($"connection {c} comes from unknown activity '{c.From}'");
            if (!ids.Contains(c.To)) errors.Add($"connection {c} goes to unknown activity '{c.To}'");
            if (string.IsNullOrWhiteSpace(c.Outcome)) errors.Add($"connection {c} has no outcome");
        }
        foreach (var duplicate in connections.GroupBy(c => c).Where(g => g.Count() > 1))
            errors.Add($"connection {duplicate.Key} is declared {duplicate.Count()} times");

        if (errors.Count > 0)
            throw new WorkflowDefinitionException($"Workflow definition '{name}' v{version} is invalid: {string.Join("; ", errors)}.", errors);
        return new WorkflowDefinition(name, version, start!, activities.ToArray(), connections.ToArray());
    }
}
