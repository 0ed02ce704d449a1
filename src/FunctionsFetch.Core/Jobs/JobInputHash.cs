using System.Security.Cryptography;
using System.Text.Json;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Jobs;

/// <summary>A fingerprint of a job's input (URLs, settings, request headers and callback URL), to tell a repeated start from a different one under the same id.</summary>
public static class JobInputHash
{
    public static string Of(JobRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(input, FetchJson.Options));

        // Header values are hashed here, not serialized with the request; the hash stays in the job store's manifest.
        foreach (var (name, value) in input.Headers?.Entries ?? [])
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new[] { name.ToLowerInvariant(), value }, FetchJson.Options));
        }

        // The callback URL too (not the API base it came through): the same jobId with another callback is other input.
        if (input.Callback is { } callback)
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new[] { "callbackUrl", callback.Url }, FetchJson.Options));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
