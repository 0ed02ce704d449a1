using System.Security.Cryptography;
using System.Text.Json;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Jobs;

/// <summary>A fingerprint of a job's input, to tell a repeated start from a different one under the same id.</summary>
public static class JobInputHash
{
    public static string Of(JobRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(input, FetchJson.Options));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
