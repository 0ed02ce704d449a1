using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.OpenApi;

/// <summary>A real job's answers, on Azurite against a loopback target, each checked against the schema the document declares for it.</summary>
[Collection(AzuriteTests.Name)]
public sealed class OpenApiResponsesTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";

    [Fact]
    public async Task Responses_RealJob_MatchTheDocumentsSchemas()
    {
        // Arrange: slow URLs at concurrency 1, so the job is caught running; one URL answers 404 (a failed result).
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(400));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var validator = new OpenApiSchemaValidator(JsonNode.Parse(await host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!);
        var urls = new JsonArray(target.Url("a"), target.Url("b"), target.FailingUrl("c", status: 404), target.Url("d"));
        var checkedAnswers = new List<string>();

        async Task<JsonNode?> CheckAsync(HttpResponseMessage response, string path, string method, bool strict = true)
        {
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var body = await response.Content.ReadAsStringAsync();
            var schema = validator.ResponseSchema(path, method, status, mediaType);
            Assert.True(schema is not null, $"{method} {path} answered {status} {mediaType}, which the document does not declare: {body}");
            var value = JsonNode.Parse(body);
            var errors = validator.Validate(value, schema!, strict);
            Assert.True(errors.Count == 0, $"{method} {path} {status}: {string.Join("; ", errors)} in {body}");
            checkedAnswers.Add($"{method} {path} {status} {mediaType}");
            return value;
        }

        // Act + Assert: start (202), running status (202), results (200), a page, the list, summary and rows (200), the errors (400, 404, 409).
        using var start = await host.Http.PostAsync(
            new Uri("/api/fetch", UriKind.Relative),
            new StringContent(new JsonObject { ["urls"] = urls, ["options"] = new JsonObject { ["concurrency"] = 1 } }.ToJsonString(), Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await CheckAsync(start, "/api/fetch", "post"))!["id"]!.GetValue<string>();

        using (var running = await host.Http.GetAsync(new Uri($"/api/fetch/{id}", UriKind.Relative)))
        {
            if (running.StatusCode == HttpStatusCode.Accepted)
            {
                await CheckAsync(running, "/api/fetch/{id}", "get");
            }
        }

        await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));
        using var results = await host.Http.GetAsync(new Uri($"/api/fetch/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        var document = await CheckAsync(results, "/api/fetch/{id}", "get");
        Assert.Equal(4, document!["results"]!.AsArray().Count);

        using var page = await host.Http.GetAsync(new Uri($"/api/fetch/{id}/results?format=json", UriKind.Relative));
        await CheckAsync(page, "/api/fetch/{id}/results", "get");

        using var list = await host.Http.GetAsync(new Uri("/api/fetch?top=5", UriKind.Relative));
        await CheckAsync(list, "/api/fetch", "get");
        using var summary = await host.Http.GetAsync(new Uri($"/api/fetch/{id}/summary", UriKind.Relative));
        await CheckAsync(summary, "/api/fetch/{id}/summary", "get");
        using var rows = await host.Http.GetAsync(new Uri($"/api/fetch/{id}/rows?outcome=failed", UriKind.Relative));
        Assert.Equal(1, (await CheckAsync(rows, "/api/fetch/{id}/rows", "get"))!["matched"]!.GetValue<int>());
        using var badRows = await host.Http.GetAsync(new Uri($"/api/fetch/{id}/rows?limit=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badRows.StatusCode);
        await CheckAsync(badRows, "/api/fetch/{id}/rows", "get", strict: false);

        using var retry = await host.Http.PostAsync(new Uri($"/api/fetch/{id}/retry-failed", UriKind.Relative), content: null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await CheckAsync(retry, "/api/fetch/{id}/retry-failed", "post");

        using var badStart = await host.Http.PostAsync(new Uri("/api/fetch", UriKind.Relative), new StringContent("{\"urls\": 7}", Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.BadRequest, badStart.StatusCode);
        await CheckAsync(badStart, "/api/fetch", "post", strict: false);

        using var unknown = await host.Http.GetAsync(new Uri("/api/fetch/no-such-job", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await CheckAsync(unknown, "/api/fetch/{id}", "get", strict: false);

        using var ended = await host.Http.DeleteAsync(new Uri($"/api/fetch/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        await CheckAsync(ended, "/api/fetch/{id}", "delete", strict: false);

        using var retune = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/fetch/{id}/concurrency", UriKind.Relative))
        {
            Content = new StringContent("{\"concurrency\": 5}", Encoding.UTF8, Json),
        };
        using var retuned = await host.Http.SendAsync(retune);
        Assert.Equal(HttpStatusCode.Conflict, retuned.StatusCode);
        await CheckAsync(retuned, "/api/fetch/{id}/concurrency", "post", strict: false);

        output.WriteLine(string.Join(Environment.NewLine, checkedAnswers));
        Assert.Contains(checkedAnswers, a => a.StartsWith("get /api/fetch/{id} 200", StringComparison.Ordinal));
        Assert.Contains(checkedAnswers, a => a.EndsWith(Problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Responses_ResultsAsCsvAndNdjson_AreDeclaredAsText()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var validator = new OpenApiSchemaValidator(JsonNode.Parse(await host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!);
        var started = await host.Api.StartAsync([target.Url("x")]);
        await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/fetch/{started.Id}?format=csv", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await host.Http.SendAsync(request);
        using var ndjson = await host.Http.GetAsync(new Uri($"/api/fetch/{started.Id}/results", UriKind.Relative));

        // Assert
        Assert.NotNull(validator.ResponseSchema("/api/fetch/{id}", "get", 200, csv.Content.Headers.ContentType!.MediaType!));
        Assert.NotNull(validator.ResponseSchema("/api/fetch/{id}/results", "get", 200, ndjson.Content.Headers.ContentType!.MediaType!));
    }
}
