using System.Text.Json;
using FunctionsFetch.Serialization;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>Why an ended job did not complete, read from the engine's failure details or its stored output.</summary>
public static class JobEndReason
{
    /// <summary>Null for a completed job.</summary>
    public static string? Of(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? null
            : metadata.FailureDetails?.ErrorMessage ?? Read(metadata.SerializedOutput) ?? $"The job ended as {metadata.RuntimeStatus}.";
    }

    /// <summary>A terminate reason or failure text, whether the engine stored it as JSON or as plain text.</summary>
    private static string? Read(string? serializedOutput) =>
        SerializedJson.Parse(serializedOutput) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Null } => null,
            var other => other.Value.GetRawText(),
        };
}
