using System.Reflection;
using System.Xml.Linq;
using Investigation.Domain.Cases;
using Investigation.Workflows.Runtime;
using NetArchTest.Rules;

namespace Investigation.Workflows.Tests.Architecture;

/// <summary>
/// Dependencies point one way: Web → Workflows → Domain, and the workflow runtime depends on nothing
/// else of the solution. Checked on the compiled code (NetArchTest reads the IL), so a using that slips in
/// fails here, and on the project files, so a reference that is not used yet fails too.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Case).Assembly;
    private static readonly Assembly Workflows = typeof(WorkflowRuntime).Assembly;
    private const string RuntimeNamespace = "Investigation.Workflows.Runtime";

    [Fact]
    public void Domain_DependsOnNeitherWorkflowsNorWeb()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny("Investigation.Workflows", "Investigation.Web").GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Workflows_DoesNotDependOnWeb()
    {
        var result = Types.InAssembly(Workflows).ShouldNot().HaveDependencyOn("Investigation.Web").GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
        Assert.DoesNotContain(Workflows.GetReferencedAssemblies(), a => a.Name == "Investigation.Web");
    }

    [Theory]
    [InlineData("Investigation.Domain", new string[0])]
    [InlineData("Investigation.Workflows", new[] { "Investigation.Domain" })]
    [InlineData("Investigation.Web", new[] { "Investigation.Workflows" })]
    public void Projects_ReferenceOnlyTheProjectBelowThem(string project, string[] allowed)
    {
        var file = XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, $"{project}.csproj"));

        var references = file.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")!).Replace('\\', '/')));

        Assert.Equal(allowed, references);
    }

    /// <summary>The runtime is a library the investigation uses, never the other way round.</summary>
    [Fact]
    public void WorkflowRuntime_DependsOnNothingElseOfTheSolution()
    {
        var result = Types.InAssembly(Workflows).That().ResideInNamespace(RuntimeNamespace)
            .ShouldNot().HaveDependencyOnAny(EverythingButTheRuntime()).GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
        Assert.Contains(typeof(WorkflowRuntime), Types.InAssembly(Workflows).That().ResideInNamespace(RuntimeNamespace).GetTypes());
    }

    /// <summary>The runtime's own tests run it on workflows of their own, so they keep it free of the investigation.</summary>
    [Fact]
    public void WorkflowRuntimeTests_KnowNothingOfTheInvestigation()
    {
        var tests = typeof(ArchitectureTests).Assembly;
        var result = Types.InAssembly(tests).That().ResideInNamespace("Investigation.Workflows.Tests.Runtime")
            .ShouldNot().HaveDependencyOnAny(EverythingButTheRuntime()).GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
        Assert.NotEmpty(Types.InAssembly(tests).That().ResideInNamespace("Investigation.Workflows.Tests.Runtime").GetTypes());
    }

    /// <summary>
    /// The domain, and every namespace of the Workflows assembly other than the runtime's; the root namespace's
    /// types by their full names, since a namespace prefix of "Investigation.Workflows" would take in the runtime too.
    /// </summary>
    private static string[] EverythingButTheRuntime() =>
    [
        "Investigation.Domain",
        .. Workflows.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Investigation.Workflows", StringComparison.Ordinal)
                && ns != RuntimeNamespace && !ns.StartsWith(RuntimeNamespace + ".", StringComparison.Ordinal))
            .Select(t => t.Namespace == "Investigation.Workflows" ? t.FullName!.Split('+')[0] : t.Namespace!)
            .Distinct(),
    ];

    private static string Offenders(TestResult result) =>
        "These types break the rule: " + string.Join(", ", result.FailingTypeNames ?? []);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Investigation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Investigation.sln not found above " + AppContext.BaseDirectory);
    }
}
