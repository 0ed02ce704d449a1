using Azure;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.Functions;

public sealed class ExceptionHandlingMiddlewareTests
{
    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "Unexpected end of request content.")]
    [InlineData(StatusCodes.Status408RequestTimeout, "Reading the request body timed out due to data arriving too slowly.")]
    public async Task AnswerFor_UnreadableRequest_AnswersItsStatusAndLogsAClientError(int status, string reason)
    {
        // Arrange
        var logger = new RecordingLogger<ExceptionHandlingMiddleware>();

        // Act
        var answer = await ExecutedResult.ExecuteAsync(new ExceptionHandlingMiddleware(logger).AnswerFor(new BadHttpRequestException(reason, status), "StartFetch", "inv-1"));

        // Assert
        Assert.Equal(status, (int)answer.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", answer.Header("Content-Type"));
        using var problem = answer.ReadJson();
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("client error", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerFor_StorageUnreachable_Answers503WithRetryAfterAndLogsAWarning()
    {
        // Arrange: what a results read throws directly from the Azure SDK while the storage account is down.
        var logger = new RecordingLogger<ExceptionHandlingMiddleware>();
        var outage = new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused (127.0.0.1:10000)", null, new HttpRequestException("Connection refused")));

        // Act
        var answer = await ExecutedResult.ExecuteAsync(new ExceptionHandlingMiddleware(logger).AnswerFor(outage, "GetFetchStatus", "inv-2"));

        // Assert
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, (int)answer.StatusCode);
        Assert.Equal("10", answer.Header("Retry-After"));
        using var problem = answer.ReadJson();
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.4", problem.RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain("127.0.0.1", answer.Text, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, Assert.Single(logger.Entries).Level);
    }

    [Fact]
    public async Task AnswerFor_AnyOtherException_Answers500AndLogsAnError()
    {
        // Arrange
        var logger = new RecordingLogger<ExceptionHandlingMiddleware>();

        // Act
        var answer = await ExecutedResult.ExecuteAsync(new ExceptionHandlingMiddleware(logger).AnswerFor(new InvalidOperationException("boom"), "StartFetch", "inv-1"));

        // Assert
        Assert.Equal(StatusCodes.Status500InternalServerError, (int)answer.StatusCode);
        Assert.DoesNotContain("boom", answer.Text, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, Assert.Single(logger.Entries).Level);
    }
}
