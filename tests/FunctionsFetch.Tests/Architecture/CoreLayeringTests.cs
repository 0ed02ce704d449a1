using System.Text.RegularExpressions;

namespace FunctionsFetch.Tests.Architecture;

/// <summary>
/// The core's folders depend downward only, read off the source: the HTTP edge (Api) over the job domain
/// (Jobs) over storage and fetching over configuration. A folder may use only those below it, so no cycle can form.
/// </summary>
public sealed partial class CoreLayeringTests
{
    /// <summary>Each folder of src/FunctionsFetch.Core and the folders it may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Dashboard"] = [],
        ["Api"] = ["Jobs", "Storage", "Fetching", "Configuration", "Diagnostics", "Serialization"],
        ["Jobs"] = ["Storage", "Fetching", "Configuration", "Diagnostics", "Serialization"],
        ["Storage"] = ["Fetching", "Configuration", "Serialization"],
        ["Fetching"] = ["Configuration", "Diagnostics", "Serialization"],
        ["Configuration"] = [],
        ["Diagnostics"] = [],
        ["Serialization"] = [],
    };

    public static TheoryData<string> Folders => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_UsesOnlyTheFoldersBelowIt(string folder)
    {
        // Act
        var used = Dependencies(folder);

        // Assert
        Assert.Empty(used.Where(d => !Allowed[folder].Contains(d.Folder)).Select(d => $"{d.File} uses {d.Folder}"));
    }

    [Fact]
    public void CoreFolders_AreAllKnownToTheLayering()
    {
        // Act
        var folders = Directory.EnumerateDirectories(CoreRoot())
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .ToList();

        // Assert
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Jobs")]
    [InlineData("Storage")]
    [InlineData("Fetching")]
    [InlineData("Configuration")]
    public void DomainFolder_KnowsNothingOfAspNetCore(string folder)
    {
        // Act
        var files = SourceFiles(folder).Where(f => File.ReadAllText(f).Contains("Microsoft.AspNetCore", StringComparison.Ordinal));

        // Assert
        Assert.Empty(files);
    }

    private static List<(string File, string Folder)> Dependencies(string folder) =>
        SourceFiles(folder)
            .SelectMany(file => CoreReference().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Folder: m.Groups[1].Value)))
            .Where(d => d.Folder != folder)
            .Distinct()
            .ToList();

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(CoreRoot(), folder), "*.cs", SearchOption.AllDirectories);

    private static string CoreRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FunctionsFetch.sln")))
            {
                return Path.Combine(directory.FullName, "src", "FunctionsFetch.Core");
            }
        }

        throw new InvalidOperationException("FunctionsFetch.sln was not found above the test output.");
    }

    /// <summary>A using directive or a qualified name that reaches into a core folder: <c>FunctionsFetch.Jobs</c>, <c>FunctionsFetch.Api.X</c>.</summary>
    [GeneratedRegex(@"\bFunctionsFetch\.(Api|Dashboard|Jobs|Storage|Fetching|Configuration|Diagnostics|Serialization)\b")]
    private static partial Regex CoreReference();
}
