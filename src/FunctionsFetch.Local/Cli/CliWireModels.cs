namespace FunctionsFetch.Local.Cli;

/// <summary>A running job's 202 body as the CLI reads it.</summary>
public sealed record JobProgressWire(string Id, string RuntimeStatus, int Total, int Completed, int Failed);

/// <summary>A finished job's head (JSON head or x-fetch-* headers) as the CLI reads it.</summary>
public sealed record JobHeadWire(string Id, string RuntimeStatus, int Total, int Succeeded, int Failed);
