using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Matches a new job's URLs with an earlier job's results (<c>revalidate</c>), so each URL the earlier job fetched with an
/// <c>ETag</c> or <c>Last-Modified</c> is fetched conditionally. URLs are matched by their text: the n-th occurrence of a URL
/// in the new list takes the n-th occurrence in the earlier one, so the lists may differ in length and order.
/// </summary>
public sealed class JobRevalidation(JobResultsReader results)
{
    /// <summary>By position in <paramref name="urls"/>, the earlier result each URL revalidates, or null when it has none.</summary>
    public async Task<IReadOnlyList<PriorResult?>> MatchAsync(string earlierJobId, IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var earlier = new List<UrlResult>();
        await foreach (var result in results.ReadMergedAsync(earlierJobId, cancellationToken))
        {
            earlier.Add(result);
        }

        return Match(earlier, urls);
    }

    /// <summary>The matching itself: <paramref name="earlier"/> in its own index order.</summary>
    public static IReadOnlyList<PriorResult?> Match(IEnumerable<UrlResult> earlier, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(urls);

        // Every occurrence counts toward the order, also one with nothing to revalidate.
        var byUrl = new Dictionary<string, Queue<UrlResult>>(StringComparer.Ordinal);
        foreach (var result in earlier.OrderBy(r => r.Index))
        {
            if (!byUrl.TryGetValue(result.Url, out var occurrences))
            {
                byUrl[result.Url] = occurrences = new Queue<UrlResult>();
            }

            occurrences.Enqueue(result);
        }

        var matched = new PriorResult?[urls.Count];
        for (var position = 0; position < urls.Count; position++)
        {
            if (byUrl.TryGetValue(urls[position], out var occurrences) && occurrences.TryDequeue(out var result))
            {
                matched[position] = PriorResult.From(position, result);
            }
        }

        return matched;
    }
}
