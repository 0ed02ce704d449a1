using System.Globalization;

namespace FunctionsFetch.Results;

/// <summary>
/// Saved bodies live under their job's prefix, so deleting a job's blobs takes them too:
/// <c>{job}/bodies/{index:D9}</c>. A folder of their own keeps them out of the batch listing.
/// </summary>
public static class BodyBlobNames
{
    public const string Folder = "bodies";

    public static string For(string jobId, int index) =>
        $"{jobId}/{Folder}/{index.ToString("D9", CultureInfo.InvariantCulture)}";
}
