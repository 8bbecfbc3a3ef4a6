using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Tests.Support;

/// <summary>
/// System.Text.Json for case snapshots. The domain carries no serializer attributes, so the
/// polymorphism of <see cref="CircumstanceFacts"/> is configured here, through a type-info modifier
/// that registers every concrete facts type of the domain assembly under its type name.
/// </summary>
public static class SnapshotJson
{
    public static IReadOnlyList<Type> FactsTypes { get; } = typeof(CircumstanceFacts).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(CircumstanceFacts)))
        .OrderBy(t => t.Name)
        .ToList();

    /// <summary>Only what the domain asks of a serializer: the facts are polymorphic.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(CircumstanceFacts)) return;
            info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$facts" };
            foreach (var type in FactsTypes)
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        });
        return new JsonSerializerOptions { TypeInfoResolver = resolver, WriteIndented = true };
    }

    public static string Serialize(CaseSnapshot snapshot, JsonSerializerOptions? options = null) =>
        JsonSerializer.Serialize(snapshot, options ?? Options);

    public static CaseSnapshot Deserialize(string json, JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<CaseSnapshot>(json, options ?? Options) ?? throw new InvalidOperationException("Empty snapshot.");

    /// <summary>The case as JSON: what "unchanged" is compared on.</summary>
    public static string Json(this Case c) => Serialize(c.ToSnapshot());

    /// <summary>An independent copy of a case, through its snapshot.</summary>
    public static Case Copy(this Case c) => Case.Restore(c.ToSnapshot());
}
