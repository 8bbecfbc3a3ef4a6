using System.Text.Encodings.Web;
using System.Text.Json;

namespace Investigation.Workflows.Runtime;

public static class WorkflowJson
{
    /// <summary>
    /// How variables are (de)serialized. Relaxed escaping keeps Chinese text readable in the
    /// database; the JSON is stored, never embedded in HTML.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    // Read-only, so no caller can change how stored variables are read back.
    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
