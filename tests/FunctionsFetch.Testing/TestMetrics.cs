using System.Diagnostics.Metrics;
using FunctionsFetch.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Testing;

/// <summary>A <see cref="FetchMetrics"/> of its own meter factory, for code built by hand in tests.</summary>
public static class TestMetrics
{
    public static FetchMetrics Create() => new(Factory());

    /// <summary>A meter factory whose meters no other test shares, so a collector on it sees only its own test.</summary>
    public static IMeterFactory Factory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
