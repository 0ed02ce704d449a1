using System.Globalization;
using System.Text.Json;
using FunctionsFetch.Configuration;

namespace FunctionsFetch.Tests.Configuration;

public sealed class LocalSettingsSampleTests
{
    [Fact]
    public void Sample_ListsEveryFetchSettingWithItsDefault()
    {
        // Arrange
        var expected = FetchSettingKeys.WithDefaults(new FetchOptions());
        using var sample = JsonDocument.Parse(File.ReadAllText("local.settings.sample.json"));
        var values = sample.RootElement.GetProperty("Values");

        // Act
        var listed = values.EnumerateObject()
            .Where(p => p.Name.StartsWith("Fetch__", StringComparison.Ordinal))
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString() ?? string.Empty);

        // Assert
        Assert.Equal(expected.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));
    }

    [Fact]
    public void Sample_UsesDevelopmentStorageAndTheIsolatedWorker()
    {
        // Arrange
        using var sample = JsonDocument.Parse(File.ReadAllText("local.settings.sample.json"));
        var values = sample.RootElement.GetProperty("Values");

        // Assert
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{new FetchOptions().MaxUrlsPerJob}"), values.GetProperty("Fetch__MaxUrlsPerJob").GetString());
    }
}
