using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>Result rows for tests that store and read them back, told apart by their index.</summary>
internal static class StoredRows
{
    /// <summary>A 200 for <c>https://e.test/{index}</c>.</summary>
    public static UrlResult Ok(int index) =>
        new(index, $"https://e.test/{index}", $"https://e.test/{index}", 200, 1, 1, "hash", "text/plain", 1, Error: null);

    /// <summary>A 200 for each index.</summary>
    public static UrlResult[] OkAll(params int[] indexes) => indexes.Select(Ok).ToArray();
}
