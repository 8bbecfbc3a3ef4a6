using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;

namespace Investigation.Domain.Tests.Support;

/// <summary>
/// Cases as JSON through the serializer production stores them with (<see cref="CaseJson"/>), so that a
/// round-trip here is the one a saved case takes.
/// </summary>
public static class Snapshots
{
    /// <summary>Every concrete facts type of the domain, found by reflection: a new one is in this list without anyone adding it.</summary>
    public static IReadOnlyList<Type> FactsTypes { get; } = typeof(CircumstanceFacts).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(CircumstanceFacts)))
        .OrderBy(t => t.Name)
        .ToList();

    /// <summary>The case as stored: what "unchanged" is compared on.</summary>
    public static string Json(this Case c) => CaseJson.Serialize(c.ToSnapshot());

    /// <summary>An independent copy of a case, through its snapshot.</summary>
    public static Case Copy(this Case c) => Case.Restore(c.ToSnapshot());
}
