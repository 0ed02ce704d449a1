namespace FunctionsFetch.Configuration;

/// <summary>The task hub's storage connection, read from <c>AzureWebJobsStorage</c> as in Functions.</summary>
public static class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>The configured connection, or the emulator when none is set.</summary>
    public static string Resolve(string? configured) => string.IsNullOrWhiteSpace(configured) ? DevelopmentStorage : configured;

    public static bool IsDevelopmentStorage(string connectionString) =>
        connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains(DevelopmentStorage, StringComparison.OrdinalIgnoreCase);
}
