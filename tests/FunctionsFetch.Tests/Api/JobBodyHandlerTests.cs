using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

public sealed class JobBodyHandlerTests
{
    private static readonly JobSettings Saving = new() { SaveBodies = true };

    [Fact]
    public async Task HandleAsync_SavedBody_Answers200WithTheBytesAndTheirOriginalContentType()
    {
        // Arrange
        var harness = new ApiHarness();
        await JobWithBodiesAsync(harness, "job-1", Saving, ("first", "text/plain; charset=utf-8"), ("<p>second</p>", "text/html"));

        // Act
        var response = await harness.BodyAsync("job-1", "1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Header("Content-Type"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("<p>second</p>", ReadText(response));
    }

    [Fact]
    public async Task HandleAsync_RetryJob_ServesEachBodyFromTheJobThatFetchedIt()
    {
        // Arrange: index 0 kept from the original, index 1 fetched again by the retry.
        var harness = new ApiHarness();
        await JobWithBodiesAsync(harness, "original", Saving, ("kept", "text/plain"), ("failed once", "text/plain"));
        await harness.Store.WriteManifestAsync("retry", new JobManifest("h2", 1, Saving, RetryOf: "original", BaseTotal: 2, BaseFailed: 1), CancellationToken.None);
        var retried = await harness.Store.WriteBodyAsync("retry", 1, new MemoryStream("fetched again"u8.ToArray()), "text/plain", CancellationToken.None);
        await harness.Store.WriteBatchAsync("retry", 0, 0, [Result(1, 200, retried)], CancellationToken.None);
        harness.JobIs("retry", OrchestrationRuntimeStatus.Completed);

        // Act
        var kept = await harness.BodyAsync("retry", "0");
        var fetchedAgain = await harness.BodyAsync("retry", "1");

        // Assert
        Assert.Equal("kept", ReadText(kept));
        Assert.Equal("fetched again", ReadText(fetchedAgain));
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404Problem()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.BodyAsync("nope", "0");

        // Assert
        AssertProblem(response, HttpStatusCode.NotFound, "No job with id 'nope'");
    }

    [Fact]
    public async Task HandleAsync_IndexOutOfRange_Answers404SayingSo()
    {
        // Arrange
        var harness = new ApiHarness();
        await JobWithBodiesAsync(harness, "job-1", Saving, ("only", "text/plain"));

        // Act
        var response = await harness.BodyAsync("job-1", "1");

        // Assert
        AssertProblem(response, HttpStatusCode.NotFound, "Index 1 is out of range: job 'job-1' has 1 results");
    }

    [Fact]
    public async Task HandleAsync_JobWithoutSaveBodies_Answers404SayingSo()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [Result(0, 200, bodyBlob: null)], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.BodyAsync("job-1", "0");

        // Assert
        AssertProblem(response, HttpStatusCode.NotFound, "the job did not ask for saveBodies");
    }

    [Fact]
    public async Task HandleAsync_ResultWithoutBody_Answers404WithItsError()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, Saving), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [Result(0, 200, bodyBlob: null) with { Error = new FetchError(FetchErrorKind.TooLarge, "The body exceeds maxBodyBytes 10.") }], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.BodyAsync("job-1", "0");

        // Assert
        AssertProblem(response, HttpStatusCode.NotFound, "has no saved body: The body exceeds maxBodyBytes 10.");
    }

    [Fact]
    public async Task HandleAsync_NoResultYet_Answers404SayingSo()
    {
        // Arrange: a running job whose first batch has not been stored.
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 5, Saving), CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.BodyAsync("job-1", "3");

        // Assert
        AssertProblem(response, HttpStatusCode.NotFound, "Index 3 of job 'job-1' has no result yet.");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task HandleAsync_IndexNotAWholeNumber_Answers400(string index)
    {
        // Arrange
        var harness = new ApiHarness();
        await JobWithBodiesAsync(harness, "job-1", Saving, ("only", "text/plain"));

        // Act
        var response = await harness.BodyAsync("job-1", index);

        // Assert
        AssertProblem(response, HttpStatusCode.BadRequest, $"(was '{index}')");
    }

    private static async Task JobWithBodiesAsync(ApiHarness harness, string id, JobSettings settings, params (string Text, string ContentType)[] bodies)
    {
        await harness.Store.WriteManifestAsync(id, new JobManifest("h", bodies.Length, settings), CancellationToken.None);
        var results = new List<UrlResult>();
        for (var i = 0; i < bodies.Length; i++)
        {
            var name = await harness.Store.WriteBodyAsync(id, i, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bodies[i].Text)), bodies[i].ContentType, CancellationToken.None);
            results.Add(Result(i, i == bodies.Length - 1 && bodies.Length > 1 ? 503 : 200, name));
        }

        await harness.Store.WriteBatchAsync(id, 0, 0, results, CancellationToken.None);
        harness.JobIs(id, OrchestrationRuntimeStatus.Completed);
    }

    private static UrlResult Result(int index, int status, string? bodyBlob) =>
        new(index, $"https://e.test/{index}", $"https://e.test/{index}", status, 1, 1, "hash", "text/plain", 1, Error: null, bodyBlob);

    private static void AssertProblem(ExecutedResult response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Contains(detail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string ReadText(ExecutedResult response) =>
        System.Text.Encoding.UTF8.GetString(response.Bytes);
}
