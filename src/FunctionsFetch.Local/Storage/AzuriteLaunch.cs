namespace FunctionsFetch.Local.Storage;

/// <summary>Where the launcher runs Azurite: the ports the task hub's connection names, and its data folder (null: <c>.azurite/</c> in the repository).</summary>
public sealed record AzuriteLaunch(int[] Ports, string? DataPath);
