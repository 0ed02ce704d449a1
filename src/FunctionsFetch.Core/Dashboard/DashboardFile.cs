namespace FunctionsFetch.Dashboard;

/// <summary>One of the dashboard's static files: its path relative to the page, its content type and its bytes.</summary>
public sealed record DashboardFile(string Path, string ContentType, ReadOnlyMemory<byte> Content);
