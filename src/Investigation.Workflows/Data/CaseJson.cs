using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;

namespace Investigation.Workflows.Data;

/// <summary>
/// How a case's snapshot is written as JSON. The domain carries no serializer attributes, so the
/// polymorphic facts and the typed ids are configured here.
/// </summary>
public static class CaseJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize(CaseSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);
    public static CaseSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<CaseSnapshot>(json, Options) ?? throw new InvalidOperationException("Empty case snapshot.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { FactsArePolymorphic } },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new GuidIdConverter<UnitId>(g => new(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<PersonId>(g => new(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<CaseId>(g => new(g), id => id.Value));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void FactsArePolymorphic(JsonTypeInfo info)
    {
        if (info.Type != typeof(CircumstanceFacts)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$kind" };
        foreach (var derived in new[]
                 {
                     typeof(PortalTamperingFacts), typeof(PortalParalysisFacts), typeof(DataLeakFacts),
                     typeof(CriticalInfrastructureFacts), typeof(ConcealmentFacts), typeof(ObstructionFacts), typeof(OtherSeriousActFacts),
                 })
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(derived, derived.Name.Replace("Facts", "")));
    }

    private sealed class GuidIdConverter<T>(Func<Guid, T> create, Func<T, Guid> value) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetGuid());
        public override void Write(Utf8JsonWriter writer, T id, JsonSerializerOptions options) => writer.WriteStringValue(value(id));
    }
}
