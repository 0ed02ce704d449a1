using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsFetch.Configuration;

namespace FunctionsFetch.Tests.Deployment;

/// <summary>
/// Every Fetch setting the app reads is a Bicep parameter with the app's default, becomes its app setting,
/// and can be set with <c>azd env set</c> through main.parameters.json (with the same default).
/// </summary>
public sealed partial class BicepAppSettingsTests
{
    private static readonly IReadOnlyDictionary<string, string> Expected = FetchSettingKeys.WithDefaults(new FetchOptions());

    public static TheoryData<string> Keys => [.. Expected.Keys];

    [Theory]
    [MemberData(nameof(Keys))]
    public void MainBicep_FetchSetting_IsAParameterWithTheAppsDefault(string key)
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.MainBicep);
        var parameter = ParameterName(key);

        // Act
        var declaration = Regex.Match(bicep, $@"^param {parameter} (?<type>int|bool|string) = (?<default>.+)$", RegexOptions.Multiline);

        // Assert
        Assert.True(declaration.Success, $"main.bicep declares no parameter {parameter} for {key}");
        Assert.Equal(Expected[key], BicepLiteral(declaration.Groups["default"].Value.Trim()));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void MainBicep_FetchSetting_BecomesItsAppSetting(string key)
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.MainBicep);
        var setting = key.Replace(":", "__", StringComparison.Ordinal);

        // Act
        var line = Regex.Match(bicep, $@"^\s*{setting}: (?<value>.+)$", RegexOptions.Multiline);

        // Assert
        Assert.True(line.Success, $"main.bicep sets no app setting {setting}");
        Assert.Matches($@"\b{ParameterName(key)}\b", line.Groups["value"].Value);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parameters_FetchSetting_ComesFromAnAzdVariableWithTheAppsDefault(string key)
    {
        // Arrange
        using var parameters = JsonDocument.Parse(DeploymentFiles.Read(DeploymentFiles.Parameters));
        var variable = string.Join('_', key.Split(':').Select(part => part.ToUpperInvariant()));

        // Act
        var value = parameters.RootElement.GetProperty("parameters").GetProperty(ParameterName(key)).GetProperty("value").GetString();

        // Assert
        Assert.Equal($"${{{variable}={Expected[key]}}}", value);
    }

    [Fact]
    public void MainBicep_AppSettings_NameOnlySettingsTheAppReads()
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.MainBicep);

        // Act
        var named = AppSettingLine().Matches(bicep).Select(m => m.Groups["key"].Value.Replace("__", ":", StringComparison.Ordinal));

        // Assert
        Assert.All(named, key => Assert.Contains(key, Expected.Keys));
    }

    [Fact]
    public void MainBicep_AllowedTargets_IsAListParameterSpreadIntoIndexedSettings()
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.MainBicep);

        // Assert: the list is empty by default, so FetchSettingKeys lists no key for it.
        Assert.Empty(new FetchOptions().AllowedTargets);
        Assert.Contains("param fetchAllowedTargets string[] = []", bicep, StringComparison.Ordinal);
        Assert.Contains("'Fetch__AllowedTargets__${i}'", bicep, StringComparison.Ordinal);
    }

    /// <summary><c>Fetch:Defaults:Concurrency</c> is the parameter <c>fetchDefaultsConcurrency</c>.</summary>
    private static string ParameterName(string key) => "fetch" + string.Concat(key.Split(':').Skip(1));

    private static string BicepLiteral(string value) =>
        value is ['\'', .., '\''] ? value[1..^1] : value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<key>Fetch__\w+):", RegexOptions.Multiline)]
    private static partial Regex AppSettingLine();
}
