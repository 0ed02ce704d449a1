using FunctionsFetch.Testing;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.InstanceApi;

public sealed class DurableWebhooksApiTests
{
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly List<string?> _engineTokensAsked = [];

    public DurableWebhooksApiTests()
    {
        // A two-page engine: the first page hands out the engine's own token, the second none.
        _client
            .Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery>()))
            .Returns(Pageable.Create((string? token, int? _, CancellationToken _) =>
            {
                _engineTokensAsked.Add(token);
                return Task.FromResult(token is null
                    ? new Page<OrchestrationMetadata>([Instance("a"), Instance("b")], "{\"engine\":\"page-2\"}")
                    : new Page<OrchestrationMetadata>([Instance("c")], null));
            }));
    }

    private DurableWebhooksApi Api => new(_client.Object, new JobStore(new InMemoryBlobContainer()));

    [Fact]
    public async Task ListAsync_TokenItHandedOut_PagesOnWithTheEngineToken()
    {
        // Act
        var first = await ExecutedResult.ExecuteAsync(await Api.ListAsync(NoQuery, continuationToken: null, CancellationToken.None));
        var token = first.Header(DurableWebhooksApi.ContinuationHeader)!;
        var second = await ExecutedResult.ExecuteAsync(await Api.ListAsync(NoQuery, token, CancellationToken.None));

        // Assert
        Assert.NotEqual("{\"engine\":\"page-2\"}", token);
        Assert.Equal(["a", "b"], InstanceIds(first));
        Assert.Equal(["c"], InstanceIds(second));
        Assert.False(second.Headers.ContainsKey(DurableWebhooksApi.ContinuationHeader));
        Assert.Equal([null, "{\"engine\":\"page-2\"}"], _engineTokensAsked);
    }

    public static TheoryData<string> ForeignTokens => new()
    {
        "garbage",
        "not base64url!",
        "{\"engine\":\"page-2\"}",
        Base64Url.EncodeToString("{\"engine\":\"page-2\"}"u8),
        Base64Url.EncodeToString("ff1:00000000:{\"engine\":\"page-2\"}"u8),
        Base64Url.EncodeToString([0x66, 0x66, 0x31, 0x3A, 0xFF, 0xFE]),
    };

    [Theory]
    [MemberData(nameof(ForeignTokens))]
    public async Task ListAsync_TokenItDidNotHandOut_Answers400AndQueriesNothing(string token)
    {
        // Act
        var result = await ExecutedResult.ExecuteAsync(await Api.ListAsync(NoQuery, token, CancellationToken.None));

        // Assert
        Assert.Equal(400, (int)result.StatusCode);
        Assert.Equal(ApiResults.ProblemContentType, result.Header("Content-Type"));
        using var problem = result.ReadJson();
        Assert.Contains("not a token this API handed out", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_engineTokensAsked);
    }

    [Fact]
    public async Task ListAsync_TokenCutShortOrEdited_Answers400()
    {
        // Arrange
        var first = await ExecutedResult.ExecuteAsync(await Api.ListAsync(NoQuery, continuationToken: null, CancellationToken.None));
        var token = first.Header(DurableWebhooksApi.ContinuationHeader)!;
        var middle = token.Length / 2;
        var edited = string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));

        // Act
        var truncated = await ExecutedResult.ExecuteAsync(await Api.ListAsync(NoQuery, token[..^1], CancellationToken.None));
        var changed = await ExecutedResult.ExecuteAsync(await Api.ListAsync(NoQuery, edited, CancellationToken.None));

        // Assert
        Assert.Equal(400, (int)truncated.StatusCode);
        Assert.Equal(400, (int)changed.StatusCode);
        Assert.Equal([null], _engineTokensAsked);
    }

    private static string? NoQuery(string name) => null;

    private static OrchestrationMetadata Instance(string id) => new("FetchOrchestrator", id) { RuntimeStatus = OrchestrationRuntimeStatus.Completed };

    private static string[] InstanceIds(ExecutedResult result)
    {
        using var json = result.ReadJson();
        return json.RootElement.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!).ToArray();
    }

}
