using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>The cadre management department's note on receiving the result (AcknowledgeResult).</summary>
public sealed class AcknowledgeResultForm
{
    public string? Note { get; set; }

    public AcknowledgeResult.Command ToCommand(Guid taskId) => new(taskId, Note);
}
