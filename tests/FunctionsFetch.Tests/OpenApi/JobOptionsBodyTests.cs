using System.Text.Json;
using FunctionsFetch.Jobs;
using FunctionsFetch.Local.OpenApi;

namespace FunctionsFetch.Tests.OpenApi;

/// <summary>The OpenAPI document's <c>options</c> schema names every option the start request's reader takes, and no other.</summary>
public sealed class JobOptionsBodyTests
{
    [Fact]
    public void Properties_AsTheDocumentNamesThem_AreTheReadersOptionNames()
    {
        // Arrange
        var documented = typeof(JobOptionsBody).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        // Act
        var read = JobRequestReader.OptionNames;

        // Assert
        Assert.Equal(read.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }
}
