namespace FunctionsFetch.Fetching;

/// <summary>One job's politeness toward each host it fetches from, carried with each request of that job.</summary>
/// <param name="JobId">Whose limits: each job has its own per host.</param>
/// <param name="MaxPerHost">The job's fetches in flight to one host in this process.</param>
/// <param name="MaxRatePerHost">The job's requests per second to one host in this process; 0: none.</param>
/// <param name="HandBackAfter">A host's hold longer than this hands the fetch back instead of waiting; zero: always wait.</param>
internal sealed record JobHostLimits(string JobId, int MaxPerHost, int MaxRatePerHost, TimeSpan HandBackAfter);
