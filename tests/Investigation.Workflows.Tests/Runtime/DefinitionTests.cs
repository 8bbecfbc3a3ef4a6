using Investigation.Workflows.Runtime;
using static Investigation.Workflows.Tests.Runtime.Flow;

namespace Investigation.Workflows.Tests.Runtime;

public sealed class DefinitionTests
{
    [Fact]
    public void Build_WithDuplicateActivityIds_IsRejectedNamingTheId()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowBuilder("w", 1).Add(Mark("a"), Mark("a")).Build());

        Assert.Equal("Workflow definition 'w' v1 is invalid: activity id 'a' is used 2 times.", error.Message);
    }

    [Fact]
    public void Build_WithConnectionToOrFromUnknownActivity_IsRejectedNamingIt()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowBuilder("w", 1)
            .Add(Mark("a")).Connect("a", "ghost").Connect("phantom", "Done", "a").Build());

        Assert.Equal(
            ["connection a --Done--> ghost goes to unknown activity 'ghost'", "connection phantom --Done--> a comes from unknown activity 'phantom'"],
            error.Errors);
    }

    [Fact]
    public void Build_WithoutActivities_IsRejectedForHavingNoStart()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowBuilder("w", 1).Build());

        Assert.Contains("no start activity", error.Message);
    }

    [Fact]
    public void Build_WithUnknownStart_IsRejected()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowBuilder("w", 1).Add(Mark("a")).StartWith("b").Build());

        Assert.Contains("start activity 'b' is not one of its activities", error.Message);
    }

    [Fact]
    public void Build_ReportsEveryProblemAtOnce()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowBuilder("", 0)
            .Add(Mark("a"), Mark("a")).Connect("a", "x").Connect("a", "x").Build());

        Assert.Equal(6, error.Errors.Count); // no name, version 0, duplicate id, unknown target twice, duplicate connection
    }

    [Fact]
    public void Build_StartsWithTheFirstActivityUnlessToldOtherwise()
    {
        Assert.Equal("a", new WorkflowBuilder("w", 1).Add(Mark("a"), Mark("b")).Build().StartActivityId);
        Assert.Equal("b", new WorkflowBuilder("w", 1).Add(Mark("a"), Mark("b")).StartWith("b").Build().StartActivityId);
    }

    [Fact]
    public void Registry_KeepsEveryVersionAndStartsNewInstancesOnTheLatest()
    {
        var registry = new WorkflowDefinitionRegistry()
            .Register(new WorkflowBuilder("w", 2).Add(Mark("a")).Build())
            .Register(new WorkflowBuilder("w", 1).Add(Mark("a")).Build());

        Assert.Equal(2, registry.Latest("w").Version);
        Assert.Equal(1, registry.Get("w", 1).Version);
        Assert.Contains("'w' v3 is not registered", Assert.Throws<WorkflowException>(() => registry.Get("w", 3)).Message);
    }

    [Fact]
    public void Registry_RegisteringTheSameVersionTwice_IsRejected()
    {
        var registry = new WorkflowDefinitionRegistry().Register(new WorkflowBuilder("w", 1).Add(Mark("a")).Build());

        var error = Assert.Throws<WorkflowDefinitionException>(() => registry.Register(new WorkflowBuilder("w", 1).Add(Mark("b")).Build()));

        Assert.Contains("already registered", error.Message);
    }

    [Fact]
    public void Complete_WithoutOutcome_IsDoneAndDuplicateOutcomesFireOnce()
    {
        Assert.Equal(["Done"], ActivityResult.Complete().Outcomes);
        Assert.Equal(["a", "b"], ActivityResult.Complete("a", "b", "a").Outcomes);
    }
}
