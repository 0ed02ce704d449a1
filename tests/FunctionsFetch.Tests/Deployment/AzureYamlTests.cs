using System.Text.RegularExpressions;
using FunctionsFetch.Functions;

namespace FunctionsFetch.Tests.Deployment;

public sealed class AzureYamlTests
{
    [Fact]
    public void AzureYaml_ApiService_DeploysTheFunctionsProjectAsAFunctionApp()
    {
        // Arrange
        var yaml = DeploymentFiles.Read("azure.yaml");
        var project = typeof(FetchStarter).Assembly.GetName().Name;

        // Assert: the `api` service is what the Function App's azd-service-name tag names.
        Assert.Matches(new Regex(@"^services:\s*\n\s+api:\s*$", RegexOptions.Multiline), yaml);
        Assert.Matches(new Regex($@"^\s+project: \./src/{project}\s*$", RegexOptions.Multiline), yaml);
        Assert.Matches(new Regex(@"^\s+language: dotnet\s*$", RegexOptions.Multiline), yaml);
        Assert.Matches(new Regex(@"^\s+host: function\s*$", RegexOptions.Multiline), yaml);
        Assert.Matches(new Regex(@"^\s+path: infra\s*$", RegexOptions.Multiline), yaml);
    }
}
