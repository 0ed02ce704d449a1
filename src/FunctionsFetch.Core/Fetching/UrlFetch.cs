namespace FunctionsFetch.Fetching;

/// <summary>What one fetch came to: a result to store, or a URL handed back to be fetched again after <paramref name="HandBackAfter"/>.</summary>
/// <param name="Result">The result; when handed back, only its attempt count is meaningful.</param>
/// <param name="HandBackAfter">Set when the fetch's next retry must wait longer than a batch sits through.</param>
public sealed record UrlFetch(UrlResult Result, TimeSpan? HandBackAfter = null)
{
    public bool IsHandedBack => HandBackAfter is not null;
}
