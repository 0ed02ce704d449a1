using FunctionsFetch.Diagnostics;
using FunctionsFetch.Functions;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Moq;

namespace FunctionsFetch.Tests.Functions;

public sealed class JobLogScopeMiddlewareTests
{
    [Fact]
    public async Task Invoke_RouteNamesAJob_LogsInsideCarryItsId()
    {
        // Arrange
        var logger = new RecordingLogger<JobLogScopeMiddleware>();
        var context = ContextWith(new Dictionary<string, object?> { ["id"] = "job-7" });

        // Act
        await new JobLogScopeMiddleware(logger).Invoke(context, _ =>
        {
            WriteOne(logger);
            return Task.CompletedTask;
        });

        // Assert
        var entry = Assert.Single(logger.Entries);
        Assert.Equal("job-7", entry.Scope[JobLogScope.PropertyName]);
    }

    [Fact]
    public async Task Invoke_NoJobInTheRoute_OpensNoScope()
    {
        // Arrange
        var logger = new RecordingLogger<JobLogScopeMiddleware>();
        var context = ContextWith([]);

        // Act
        await new JobLogScopeMiddleware(logger).Invoke(context, _ =>
        {
            WriteOne(logger);
            return Task.CompletedTask;
        });

        // Assert
        Assert.Empty(Assert.Single(logger.Entries).Scope);
    }

    private static void WriteOne(RecordingLogger<JobLogScopeMiddleware> logger) =>
        logger.Log(LogLevel.Information, default, "inside", null, (state, _) => state);

    private static FunctionContext ContextWith(Dictionary<string, object?> bindingData)
    {
        var binding = new Mock<BindingContext>();
        binding.Setup(b => b.BindingData).Returns(bindingData);
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.BindingContext).Returns(binding.Object);
        return context.Object;
    }
}
