using FunctionsFetch.Local.Cli;

// `serve` (the default) runs the host: every argument it does not know is configuration
// (for example --urls http://127.0.0.1:8080 or --Fetch:Defaults:Concurrency 100); `fetch urls.txt` runs a job.
return await CliCommands.InvokeAsync(args, CliConsole.System());
