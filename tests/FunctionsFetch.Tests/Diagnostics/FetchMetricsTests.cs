using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FunctionsFetch.Tests.Diagnostics;

public sealed class FetchMetricsTests
{
    private readonly System.Diagnostics.Metrics.IMeterFactory _factory = TestMetrics.Factory();

    [Fact]
    public void Fetched_ResultsOfEveryKind_CountedByOutcomeErrorKindAndStatusClass()
    {
        // Arrange
        var metrics = new FetchMetrics(_factory);
        using var fetches = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.fetches");
        using var bytes = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.fetch.bytes");
        using var duration = new MetricCollector<double>(_factory, FetchMetrics.MeterName, "functionsfetch.fetch.duration");

        // Act
        metrics.Fetched(new UrlResult(0, "https://a.test/", "https://a.test/", 200, 1500, 10, "ab", "text/plain", 1, Error: null));
        metrics.Fetched(new UrlResult(1, "https://a.test/x", "https://a.test/x", 404, 20, 5, "cd", "text/plain", 1, Error: null));
        metrics.Fetched(UrlResult.NotFetched(2, "https://b.test/", FetchErrorKind.DisallowedByRobots, "rule"));
        metrics.Fetched(new UrlResult(3, "https://a.test/", "https://a.test/", 304, 5, 999, "ab", "text/plain", 1, Error: null, NotModified: true));

        // Assert
        var measured = fetches.GetMeasurementSnapshot();
        Assert.Equal(4, measured.Count);
        Assert.Equal(("succeeded", "none", "2xx"), Labels(measured[0]));
        Assert.Equal(("failed", "none", "4xx"), Labels(measured[1]));
        Assert.Equal(("failed", "disallowedByRobots", "none"), Labels(measured[2]));
        Assert.Equal(("succeeded", "none", "3xx"), Labels(measured[3]));
        Assert.Equal([10L, 5L], bytes.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal([1.5, 0.02, 0, 0.005], duration.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.All(measured, m => Assert.DoesNotContain(m.Tags.Keys, k => k is "host" or "url" or "job_id"));
    }

    [Fact]
    public void FetchStartedAndEnded_Balanced_LeaveNothingInFlight()
    {
        // Arrange
        var metrics = new FetchMetrics(_factory);
        using var inFlight = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.fetches.in_flight");

        // Act
        metrics.FetchStarted();
        metrics.FetchStarted();
        var during = inFlight.GetMeasurementSnapshot().Sum(m => m.Value);
        metrics.FetchEnded();
        metrics.FetchEnded();

        // Assert
        Assert.Equal(2, during);
        Assert.Equal(0, inFlight.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public void JobsBatchesAndThrottles_Recorded_CarryOnlyTheirBoundedLabel()
    {
        // Arrange
        var metrics = new FetchMetrics(_factory);
        using var started = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.jobs.started");
        using var ended = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.jobs.ended");
        using var batches = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.batches");
        using var throttles = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.host.throttles");

        // Act
        metrics.JobStarted();
        metrics.JobEnded("Completed");
        metrics.BatchEnded(BatchOutcomes.Stored);
        metrics.HostThrottled(429);

        // Assert
        Assert.Empty(Assert.Single(started.GetMeasurementSnapshot()).Tags);
        Assert.Equal("Completed", Assert.Single(ended.GetMeasurementSnapshot()).Tags["status"]);
        Assert.Equal("stored", Assert.Single(batches.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Equal(429, Assert.Single(throttles.GetMeasurementSnapshot()).Tags["status_code"]);
    }

    private static (object?, object?, object?) Labels(CollectedMeasurement<long> measurement) =>
        (measurement.Tags["outcome"], measurement.Tags["error_kind"], measurement.Tags["status_class"]);
}
