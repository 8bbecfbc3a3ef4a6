using Investigation.Workflows.Features.Audit;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>Reading an audit entry's data: a command's JSON (with the handler's note after it) or a deadline firing's line of text.</summary>
public class AuditReadingTests
{
    private static readonly Guid Task = Guid.Parse("019cac0f-2680-7498-86ae-89f23b75e5bc");

    [Fact]
    public void TaskIdOf_ACommandsEntry_IsItsTopLevelTaskId_WhereverItStands_AndWhateverFollowsTheJson()
    {
        Assert.Equal(Task, AuditReading.TaskIdOf($$"""{"TaskId":"{{Task}}","Findings":[{"TaskId":"{{Guid.Empty}}"}]}"""));
        Assert.Equal(Task, AuditReading.TaskIdOf($$"""{"Findings":[{"TaskId":"{{Guid.Empty}}","Facts":"x"}],"Nested":{"TaskId":"{{Guid.Empty}}"},"TaskId":"{{Task}}"} reassigned to investigator2"""));
    }

    [Theory]
    [InlineData("reminder 019cac0f-2680-7498-86ae-89f23b75e5bc due 2026-03-02T00:00:00.0000000+00:00, fired 2026-03-02T00:00:01.0000000+00:00")]
    [InlineData("""{"CaseId":"019cac0f-2680-7498-86ae-89f23b75e5bc"}""")]
    [InlineData("""{"TaskId":42}""")]
    [InlineData("""{"TaskId":"not a guid"}""")]
    [InlineData("""{"TaskId": """)]
    [InlineData("")]
    public void TaskIdOf_AnEntryWithoutOne_IsNone(string data) => Assert.Null(AuditReading.TaskIdOf(data));

    [Fact]
    public void Content_ADeadlineFiringsLine_IsShownAsItIs()
    {
        const string line = "escalation 019cac0f due 2026-03-02T00:00:00+00:00, fired 2026-03-02T00:00:01+00:00";
        Assert.False(AuditReading.HoldsCommand(line));
        var content = Assert.Single(AuditReading.Content("TimerFired", line, AuditNames.None));
        Assert.Equal(line, content.Value.Zh);
    }
}
