using System.Reflection;
using System.Xml.Linq;
using Investigation.Domain.Cases;

namespace Investigation.Domain.Tests.Architecture;

/// <summary>The domain is pure C#: it depends on the framework and nothing else.</summary>
public class DomainDependencyTests
{
    private static readonly Assembly Domain = typeof(Case).Assembly;

    private static bool IsFramework(AssemblyName name) =>
        name.Name is { } n && (n == "System" || n.StartsWith("System.", StringComparison.Ordinal) || n == "netstandard"
            || n == "mscorlib" || n.StartsWith("Microsoft.Win32.", StringComparison.Ordinal));

    [Fact]
    public void DomainAssembly_ReferencesOnlyFrameworkAssemblies()
    {
        var foreign = Domain.GetReferencedAssemblies().Where(a => !IsFramework(a)).Select(a => a.Name).ToList();

        Assert.True(foreign.Count == 0, $"Investigation.Domain references: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void DomainProject_HasNoPackageOrProjectReference()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Investigation.Domain", "Investigation.Domain.csproj"));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference")
            .Select(e => (string?)e.Attribute("Include"))
            .ToList();

        Assert.True(references.Count == 0, $"Investigation.Domain.csproj references: {string.Join(", ", references)}");
    }

    [Fact]
    public void DomainTypes_CarryNoSerializerAttributes()
    {
        var serializerAttributes = Domain.GetTypes()
            .SelectMany(t => t.GetCustomAttributesData().Concat(t.GetMembers().SelectMany(m => m.GetCustomAttributesData())))
            .Select(a => a.AttributeType.Namespace ?? "")
            .Where(ns => ns.StartsWith("System.Text.Json", StringComparison.Ordinal) || ns.StartsWith("System.Runtime.Serialization", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(serializerAttributes);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Investigation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Investigation.sln not found above " + AppContext.BaseDirectory);
    }
}
