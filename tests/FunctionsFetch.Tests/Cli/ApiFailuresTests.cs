using System.Net;
using FunctionsFetch.Client;
using FunctionsFetch.Local.Cli;

namespace FunctionsFetch.Tests.Cli;

public sealed class ApiFailuresTests
{
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.Usage)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.Usage)]
    [InlineData(HttpStatusCode.InternalServerError, ExitCodes.JobFailed)]
    public void Refused_Problem_TellsItsDetailWithTheExitCodeForItsStatus(HttpStatusCode status, int expected)
    {
        // Arrange
        var refusal = new FetchApiException(status, "A title.", "The detail.", "{}");

        // Act
        var exception = ApiFailures.Refused(refusal, "read job j1");

        // Assert
        Assert.Equal($"Could not read job j1: {(int)status} The detail.", exception.Message);
        Assert.Equal(expected, exception.ExitCode);
    }

    [Fact]
    public void Refused_NotAProblem_TellsTheBodyAsItCame()
    {
        // Arrange
        var refusal = new FetchApiException(HttpStatusCode.BadGateway, title: null, detail: null, body: "upstream down");

        // Act
        var exception = ApiFailures.Refused(refusal, "start the job");

        // Assert
        Assert.Equal("Could not start the job: 502 upstream down", exception.Message);
    }

    [Fact]
    public async Task CallAsync_ConnectionRefused_SaysNoAnswerFromTheEndpoint()
    {
        // Arrange
        var endpoint = new Uri("http://127.0.0.1:9/");

        // Act
        var exception = await Assert.ThrowsAsync<CliException>(() =>
            ApiFailures.CallAsync<int>(endpoint, "start the job", () => throw new HttpRequestException("Connection refused")));

        // Assert
        Assert.StartsWith("No answer from http://127.0.0.1:9/: Connection refused", exception.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.JobFailed, exception.ExitCode);
    }
}
