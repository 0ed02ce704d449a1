using System.Text.Json;

namespace FunctionsFetch.Configuration;

/// <summary>
/// How many activities (batches) this instance runs at once: host.json's <c>extensions:durableTask:maxConcurrentActivityFunctions</c>.
/// The job planner reads it at start, so a job's batches fit the instance that plans them.
/// </summary>
public sealed record ActivitySlots(int Count)
{
    /// <summary>host.json's own value, when a host cannot read it.</summary>
    public static ActivitySlots Default { get; } = new(10);

    /// <summary>The configuration key, as host.json nests it (and as an app setting overrides it on Functions, after <c>AzureFunctionsJobHost:</c>).</summary>
    public const string HostJsonKey = "extensions:durableTask:maxConcurrentActivityFunctions";

    /// <summary>
    /// The Functions app's slots: an <c>AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions</c> app setting
    /// wins, as it does for the Functions host; else the deployed host.json; else <see cref="Default"/>.
    /// </summary>
    public static ActivitySlots ForFunctionsApp(string? appSetting, string hostJsonPath)
    {
        if (int.TryParse(appSetting, out var overridden) && overridden > 0)
        {
            return new ActivitySlots(overridden);
        }

        if (!File.Exists(hostJsonPath))
        {
            return Default;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("durableTask", out var durable)
            && durable.TryGetProperty("maxConcurrentActivityFunctions", out var slots)
            && slots.TryGetInt32(out var count) && count > 0
                ? new ActivitySlots(count)
                : Default;
    }
}
