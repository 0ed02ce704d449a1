using System.Collections.Frozen;
using System.Reflection;

namespace FunctionsFetch.Dashboard;

/// <summary>
/// The dashboard's static files (<c>wwwroot/</c> beside this class), embedded in this assembly so both hosts serve
/// the one copy. Only these files are served: a path is looked up, never joined onto a folder.
/// </summary>
public static class DashboardFiles
{
    /// <summary>The page itself, served for the dashboard's own address.</summary>
    public const string Index = "index.html";

    private const string ResourcePrefix = "Dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, DashboardFile> Files = Load();

    /// <summary>Every file's path relative to the page (<c>index.html</c>, <c>app.css</c>, <c>js/main.js</c>), '/'-separated.</summary>
    public static IReadOnlyCollection<string> Paths => Files.Keys;

    /// <summary>The file at <paramref name="path"/> relative to the page (empty or null: the page), or null when there is none.</summary>
    public static DashboardFile? Find(string? path) =>
        Files.GetValueOrDefault(string.IsNullOrEmpty(path) ? Index : path);

    private static FrozenDictionary<string, DashboardFile> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .ToFrozenDictionary(file => file.Path, StringComparer.Ordinal);
    }

    private static DashboardFile Read(Assembly assembly, string resource)
    {
        var path = resource[ResourcePrefix.Length..].Replace('\\', '/');
        var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path))
            ?? throw new InvalidOperationException($"The dashboard file '{path}' has no known content type.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return new DashboardFile(path, contentType, bytes.ToArray());
    }
}
