using System.Reflection;

namespace FunctionsFetch.Fetching;

/// <summary>The User-Agent every fetch sends unless its job sets its own: FunctionsFetch and the build's version.</summary>
public static class FetchUserAgent
{
    public const string Product = "FunctionsFetch";

    public static string Value { get; } = $"{Product}/{Version()}";

    private static string Version()
    {
        var assembly = typeof(FetchUserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";

        // Only token characters may follow the slash; the commit id after '+' stays, as it names the build.
        return new string(version.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_').ToArray());
    }
}
