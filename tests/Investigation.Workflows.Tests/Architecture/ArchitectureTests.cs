using System.Reflection;
using System.Xml.Linq;
using Investigation.Domain.Cases;
using Investigation.Workflows.Runtime;
using NetArchTest.Rules;

namespace Investigation.Workflows.Tests.Architecture;

/// <summary>
/// Dependencies point one way: Web → Workflows → Domain; inside Workflows, from the use cases down to the
/// data (see <see cref="Levels"/>); and the workflow runtime depends on nothing else of the solution. Checked on the compiled code (NetArchTest reads the IL), so a using that slips in
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

    /// <summary>
    /// The folders of the Workflows project, lowest first. A folder may use the folders of the levels
    /// below its own and nothing of its own level or above: the runtime knows nothing; the messages only
    /// the domain; the data (context, entities, migrations) only those; audit, identity, notifications,
    /// evidence and documents sit side by side on the data; the command pipeline wraps them; the deadline
    /// machinery runs commands; the procedure (the investigation's workflows) sets deadlines; the use
    /// cases drive the procedure; the demo runs use cases; the composition root wires everything.
    /// </summary>
    private static readonly string[][] Levels =
    [
        ["Runtime"],
        ["Messages"],
        ["Data"],
        ["Audit", "Identity", "Notifications", "Evidence", "Documents"],
        ["Pipeline"],
        ["Deadlines"],
        ["Procedure"],
        ["Features"],
        ["Demo"],
    ];

    [Fact]
    public void Folders_UseOnlyTheLevelsBelowTheirOwn()
    {
        var offenders = new List<string>();
        for (var level = 0; level < Levels.Length; level++)
            foreach (var folder in Levels[level])
            {
                var forbidden = Levels.Skip(level).SelectMany(l => l).Where(f => f != folder).Select(f => $"Investigation.Workflows.{f}").ToArray();
                var result = Types.InAssembly(Workflows).That().ResideInNamespace($"Investigation.Workflows.{folder}")
                    .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
                if (!result.IsSuccessful) offenders.Add($"{folder}: {string.Join(", ", result.FailingTypeNames ?? [])}");
            }

        Assert.True(offenders.Count == 0, "These types use a folder at their level or above: " + string.Join("; ", offenders));
        // The rule sees dependencies at all: the use cases do use the data.
        Assert.NotEmpty(Types.InAssembly(Workflows).That().ResideInNamespace("Investigation.Workflows.Features").And().HaveDependencyOn("Investigation.Workflows.Data").GetTypes());
    }

    /// <summary>Every folder of the project has its place in <see cref="Levels"/>, so a new one cannot escape the rule.</summary>
    [Fact]
    public void Folders_AllHaveALevel()
    {
        var folders = Workflows.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith("Investigation.Workflows.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[2]).Distinct().Order();

        Assert.Equal(Levels.SelectMany(l => l).Order(), folders);
    }

    /// <summary>The use cases' folders (Cases, Tasks, Admin, ...) may share, but never in a circle.</summary>
    [Fact]
    public void FeatureFolders_HaveNoCycle()
    {
        var slices = Workflows.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith("Investigation.Workflows.Features.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[3]).Distinct().ToList();
        var uses = slices.ToDictionary(s => s, s => slices.Where(o => o != s && Types.InAssembly(Workflows)
            .That().ResideInNamespace($"Investigation.Workflows.Features.{s}")
            .And().HaveDependencyOn($"Investigation.Workflows.Features.{o}").GetTypes().Any()).ToList());

        Assert.Null(FindCycle(uses));
        Assert.Contains("Cases", uses["Tasks"]);
    }

    /// <summary>
    /// A file's namespace is its project's root namespace followed by its folders, in every project, so the
    /// folder a type is in says where to find it (and the folder rules above say what it may use).
    /// </summary>
    [Theory]
    [InlineData("Investigation.Domain")]
    [InlineData("Investigation.Workflows")]
    [InlineData("Investigation.Web")]
    public void Namespaces_FollowFolders(string project)
    {
        var root = Path.Combine(RepositoryRoot(), "src", project);
        var wrong = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetRelativePath(root, f), Declared: System.Text.RegularExpressions.Regex.Match(File.ReadAllText(f), @"^namespace ([\w.]+)", System.Text.RegularExpressions.RegexOptions.Multiline)))
            .Where(f => f.Declared.Success)
            .Select(f => (f.File, Declared: f.Declared.Groups[1].Value, Expected: string.Join('.', new[] { project }.Concat(Path.GetDirectoryName(f.File)!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)))))
            .Where(f => f.Declared != f.Expected)
            .Select(f => $"{f.File}: {f.Declared} (folder says {f.Expected})")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static string? FindCycle(Dictionary<string, List<string>> edges)
    {
        var state = edges.Keys.ToDictionary(k => k, _ => 0);
        var path = new Stack<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Push(node);
            foreach (var next in edges[node])
            {
                if (state[next] == 1) return string.Join(" → ", path.Reverse().SkipWhile(n => n != next).Append(next));
                if (state[next] == 0 && Visit(next) is { } cycle) return cycle;
            }
            path.Pop();
            state[node] = 2;
            return null;
        }
        return edges.Keys.Where(k => state[k] == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

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
