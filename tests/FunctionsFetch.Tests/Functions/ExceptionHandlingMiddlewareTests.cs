using FunctionsFetch.Functions;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.Functions;

public sealed class ExceptionHandlingMiddlewareTests
{
    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "Unexpected end of request content.")]
    [InlineData(StatusCodes.Status408RequestTimeout, "Reading the request body timed out due to data arriving too slowly.")]
    public void ProblemFor_UnreadableRequest_AnswersItsStatusAndLogsAClientError(int status, string reason)
    {
        // Arrange
        var logger = new RecordingLogger<ExceptionHandlingMiddleware>();

        // Act
        var problem = new ExceptionHandlingMiddleware(logger).ProblemFor(new BadHttpRequestException(reason, status), "StartFetch", "inv-1");

        // Assert
        Assert.Equal(status, problem.Status);
        Assert.Contains(reason, problem.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("client error", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemFor_AnyOtherException_Answers500AndLogsAnError()
    {
        // Arrange
        var logger = new RecordingLogger<ExceptionHandlingMiddleware>();

        // Act
        var problem = new ExceptionHandlingMiddleware(logger).ProblemFor(new InvalidOperationException("boom"), "StartFetch", "inv-1");

        // Assert
        Assert.Equal(StatusCodes.Status500InternalServerError, problem.Status);
        Assert.DoesNotContain("boom", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, Assert.Single(logger.Entries).Level);
    }
}
