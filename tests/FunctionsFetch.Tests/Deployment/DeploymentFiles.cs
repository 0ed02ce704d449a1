namespace FunctionsFetch.Tests.Deployment;

/// <summary>The deployment files as the test project copies them next to itself (infra/, azure.yaml, host.json).</summary>
internal static class DeploymentFiles
{
    public const string MainBicep = "infra/main.bicep";
    public const string Parameters = "infra/main.parameters.json";
    public const string FunctionAppBicep = "infra/modules/function-app.bicep";
    public const string StorageBicep = "infra/modules/storage.bicep";

    public static string Read(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, path));

    public static IEnumerable<string> AllBicep() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "infra"), "*.bicep", SearchOption.AllDirectories);
}
