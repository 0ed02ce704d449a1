namespace FunctionsFetch.Tests.Deployment;

/// <summary>The GitHub workflows a fork runs: no stored secret, Azure sign-in by OpenID Connect only.</summary>
public sealed class WorkflowsTests
{
    public static TheoryData<string> Workflows => [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.yml")];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_Any_UsesNoSecrets(string path)
    {
        // Arrange
        var workflow = File.ReadAllText(path);

        // Assert
        Assert.DoesNotContain("secrets.", workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("creds:", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWorkflow_OnATag_SignsInWithOpenIdConnect()
    {
        // Arrange
        var workflow = DeploymentFiles.Read("workflows/deploy.yml");

        // Assert
        Assert.Contains("tags:", workflow, StringComparison.Ordinal);
        Assert.Contains("id-token: write", workflow, StringComparison.Ordinal);
        Assert.Contains("client-id: ${{ vars.AZURE_CLIENT_ID }}", workflow, StringComparison.Ordinal);
        Assert.Contains("azd deploy", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void CiWorkflow_OnPush_RunsTheCiEntryPoint()
    {
        // Arrange
        var workflow = DeploymentFiles.Read("workflows/ci.yml");

        // Assert
        Assert.Contains("push:", workflow, StringComparison.Ordinal);
        Assert.Contains("global-json-file: global.json", workflow, StringComparison.Ordinal);
        Assert.Contains("bash .ci/run", workflow, StringComparison.Ordinal);
    }
}
