namespace FunctionsFetch.Local.Engine;

/// <summary>Hands an inner host's loggers to the outer host's factory, so the engine logs where the app logs.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The outer host owns the factory.
    }
}
