using System.Net;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>What every refused start must show at the API: a 400 problem saying why, no secret repeated, nothing scheduled or stored.</summary>
internal static class StartRefusal
{
    public static async Task AssertRefusedAsync(ApiHarness harness, ExecutedResult response, string expectedDetail, string secret)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Contains(expectedDetail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, response.Text, StringComparison.Ordinal);
        harness.VerifyNothingScheduled();
        await foreach (var name in harness.Blobs.ListAsync(string.Empty, recursive: true, CancellationToken.None))
        {
            Assert.Fail($"A refused start wrote {name}.");
        }
    }
}
