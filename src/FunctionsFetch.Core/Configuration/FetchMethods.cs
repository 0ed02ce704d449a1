namespace FunctionsFetch.Configuration;

/// <summary>The request methods a job may use: GET fetches the body; HEAD only the status and headers (link checking).</summary>
public static class FetchMethods
{
    public const string Get = "GET";

    public const string Head = "HEAD";

    /// <summary>Exactly GET or HEAD: HTTP methods are case-sensitive.</summary>
    public static bool IsKnown(string? method) => method is Get or Head;
}
