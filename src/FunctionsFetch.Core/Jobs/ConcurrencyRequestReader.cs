using System.Text.Json;
using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>Reads the body of a retune, <c>{"concurrency": n}</c>, against the server's limit for the option.</summary>
public static class ConcurrencyRequestReader
{
    /// <summary>The body's one property, the request name of the option it sets.</summary>
    public const string PropertyName = "concurrency";

    /// <summary>A retune body is one small object; anything longer is refused unread.</summary>
    public const int MaxBodyBytes = 1024;

    private const string Shape = "The body must be a JSON object {\"concurrency\": n}";

    /// <summary>The concurrency asked for, or null and why the body is refused.</summary>
    public static async Task<(int? Concurrency, string? Problem)> ReadAsync(Stream body, JobSettings limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(limits);
        if (await BoundedBody.ReadAsync(body, MaxBodyBytes, cancellationToken) is not { } bytes)
        {
            return (null, $"{Shape}, at most {MaxBodyBytes} bytes.");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return Read(document.RootElement, limits);
        }
        catch (JsonException exception)
        {
            return (null, $"{Shape}: {exception.Message}");
        }
    }

    private static (int? Concurrency, string? Problem) Read(JsonElement root, JobSettings limits)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"{Shape}.");
        }

        var definition = JobOptionCatalog.Find(PropertyName)!;
        long? asked = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!string.Equals(property.Name, PropertyName, StringComparison.Ordinal))
            {
                return (null, $"{Shape}; '{property.Name}' is not part of it (only the concurrency changes while a job runs).");
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var value))
            {
                return (null, $"{PropertyName} must be a whole number.");
            }

            asked = value;
        }

        if (asked is not { } concurrency)
        {
            return (null, $"{Shape}; it has no {PropertyName}.");
        }

        return definition.RangeProblem(PropertyName, concurrency, definition.Read(limits)) is { } problem
            ? (null, problem)
            : ((int)concurrency, null);
    }
}
