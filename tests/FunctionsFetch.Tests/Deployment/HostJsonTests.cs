using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FunctionsFetch.Tests.Deployment;

/// <summary>
/// host.json's <c>extensions.durableTask</c> uses only settings the Durable Functions extension 3.x reads
/// (its <c>DurableTaskOptions</c> and, for the Azure Storage provider, <c>AzureStorageOptions</c>; the worker
/// package brings the 3.x extension), each with a value of the right type and range. An unknown key is
/// ignored by the host without a word, so a typo would silently fall back to a default.
/// </summary>
public sealed partial class HostJsonTests
{
    private static readonly Dictionary<string, JsonValueKind> DurableTaskKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hubName"] = JsonValueKind.String,
        ["defaultVersion"] = JsonValueKind.String,
        ["versionMatchStrategy"] = JsonValueKind.String,
        ["versionFailureStrategy"] = JsonValueKind.String,
        ["storageProvider"] = JsonValueKind.Object,
        ["tracing"] = JsonValueKind.Object,
        ["notifications"] = JsonValueKind.Object,
        ["httpSettings"] = JsonValueKind.Object,
        ["maxConcurrentActivityFunctions"] = JsonValueKind.Number,
        ["maxConcurrentOrchestratorFunctions"] = JsonValueKind.Number,
        ["maxConcurrentEntityFunctions"] = JsonValueKind.Number,
        ["localRpcEndpointEnabled"] = JsonValueKind.True,
        ["maxEntityOperationBatchSize"] = JsonValueKind.Number,
        ["extendedSessionsEnabled"] = JsonValueKind.True,
        ["extendedSessionIdleTimeoutInSeconds"] = JsonValueKind.Number,
        ["maxOrchestrationActions"] = JsonValueKind.Number,
        ["overridableExistingInstanceStates"] = JsonValueKind.String,
        ["entityMessageReorderWindowInMinutes"] = JsonValueKind.Number,
        ["useGracefulShutdown"] = JsonValueKind.True,
        ["rollbackEntityOperationsOnExceptions"] = JsonValueKind.True,
        ["throwStatusExceptionsOnRaiseEvent"] = JsonValueKind.True,
        ["useAppLease"] = JsonValueKind.True,
        ["storeInputsInOrchestrationHistory"] = JsonValueKind.True,
        ["appLeaseOptions"] = JsonValueKind.Object,
        ["maxGrpcMessageSizeInBytes"] = JsonValueKind.Number,
        ["grpcHttpClientTimeout"] = JsonValueKind.String,
    };

    /// <summary>The Azure Storage provider's keys; <c>type</c> picks the provider.</summary>
    private static readonly Dictionary<string, JsonValueKind> AzureStorageKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["type"] = JsonValueKind.String,
        ["connectionName"] = JsonValueKind.String,
        ["connectionStringName"] = JsonValueKind.String,
        ["controlQueueBatchSize"] = JsonValueKind.Number,
        ["partitionCount"] = JsonValueKind.Number,
        ["controlQueueBufferThreshold"] = JsonValueKind.Number,
        ["controlQueueVisibilityTimeout"] = JsonValueKind.String,
        ["workItemQueueVisibilityTimeout"] = JsonValueKind.String,
        ["trackingStoreConnectionName"] = JsonValueKind.String,
        ["trackingStoreConnectionStringName"] = JsonValueKind.String,
        ["trackingStoreNamePrefix"] = JsonValueKind.String,
        ["fetchLargeMessagesAutomatically"] = JsonValueKind.True,
        ["maxQueuePollingInterval"] = JsonValueKind.String,
        ["useLegacyPartitionManagement"] = JsonValueKind.True,
        ["useTablePartitionManagement"] = JsonValueKind.True,
        ["partitionTableOperationTimeout"] = JsonValueKind.String,
        ["queueClientMessageEncoding"] = JsonValueKind.String,
        ["useInstanceTableEtag"] = JsonValueKind.True,
    };

    [Fact]
    public void DurableExtension_TheAppShips_IsVersion3()
    {
        // Arrange: the Functions SDK copies the host's extension assemblies next to the app, and here.
        var path = Path.Combine(AppContext.BaseDirectory, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll");

        // Act
        var version = AssemblyName.GetAssemblyName(path).Version;

        // Assert: the keys below are this major version's; a new one needs the lists checked again.
        Assert.Equal(3, version?.Major);
    }

    [Fact]
    public void DurableTask_EveryKey_IsKnownToTheExtensionWithTheRightType()
    {
        // Arrange
        using var host = ReadHostJson();
        var durableTask = host.RootElement.GetProperty("extensions").GetProperty("durableTask");

        // Act
        var problems = Check(durableTask, DurableTaskKeys, "durableTask")
            .Concat(Check(durableTask.GetProperty("storageProvider"), AzureStorageKeys, "durableTask.storageProvider"));

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void DurableTask_Values_AreInTheExtensionsRanges()
    {
        // Arrange
        using var host = ReadHostJson();
        var durableTask = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var storage = durableTask.GetProperty("storageProvider");

        // Assert
        Assert.Matches(TaskHubName(), durableTask.GetProperty("hubName").GetString());
        Assert.InRange(durableTask.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 1, int.MaxValue);
        Assert.InRange(durableTask.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), 1, int.MaxValue);
        Assert.Equal("AzureStorage", storage.GetProperty("type").GetString());
        Assert.InRange(storage.GetProperty("partitionCount").GetInt32(), 1, 16);
        Assert.InRange(storage.GetProperty("controlQueueBatchSize").GetInt32(), 1, 32);
        foreach (var key in new[] { "maxQueuePollingInterval", "controlQueueVisibilityTimeout", "workItemQueueVisibilityTimeout" })
        {
            var value = storage.GetProperty(key).GetString();
            Assert.True(TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero, $"{key} '{value}' is not a positive time span");
        }
    }

    [Fact]
    public void Logging_ApplicationInsightsSampling_KeepsRequestsAndExceptions()
    {
        // Arrange
        using var host = ReadHostJson();
        var sampling = host.RootElement.GetProperty("logging").GetProperty("applicationInsights").GetProperty("samplingSettings");

        // Act
        var excluded = sampling.GetProperty("excludedTypes").GetString()!.Split(';');

        // Assert
        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
        Assert.Contains("Request", excluded);
        Assert.Contains("Exception", excluded);
    }

    private static JsonDocument ReadHostJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));

    private static IEnumerable<string> Check(JsonElement section, Dictionary<string, JsonValueKind> known, string path)
    {
        foreach (var property in section.EnumerateObject())
        {
            if (!known.TryGetValue(property.Name, out var kind))
            {
                yield return $"{path}.{property.Name} is not a setting of the extension";
                continue;
            }

            var actual = property.Value.ValueKind == JsonValueKind.False ? JsonValueKind.True : property.Value.ValueKind;
            if (actual != kind)
            {
                yield return $"{path}.{property.Name} is {property.Value.ValueKind}, expected {(kind == JsonValueKind.True ? "a boolean" : kind)}";
            }
        }
    }

    /// <summary>What the Azure Storage provider accepts: a letter, then letters and digits, 3 to 45 characters.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();
}
