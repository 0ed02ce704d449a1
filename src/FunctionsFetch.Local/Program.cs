using FunctionsFetch.Local;

// `--in-memory` runs the engine with no storage at all; every other argument is configuration
// (for example --urls http://127.0.0.1:8080 or --Fetch:Defaults:BatchSize 100).
var configArgs = args.Select(arg => arg == "--in-memory" ? "--Local:InMemory=true" : arg).ToArray();

await using var app = LocalFetchHost.Build(configArgs);
await app.RunAsync();
