using Microsoft.Extensions.Options;

namespace FunctionsFetch.Configuration;

/// <summary>Checks the <c>Fetch</c> section's numbers at startup; every message names the offending key (the guard checks its own entries).</summary>
public sealed class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    private const int MaxRobotsCacheMinutes = 24 * 60;

    /// <summary>The most callback POSTs a job may make: with the backoff between them, about an hour and a half.</summary>
    public const int MaxCallbackAttempts = 20;

    /// <summary>The longest one callback POST may take, in seconds.</summary>
    public const int MaxCallbackTimeoutSeconds = 300;

    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = FetchOptions.SectionName;

        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxUrlsPerJob)}", options.MaxUrlsPerJob, 1);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxRequestBytes)}", options.MaxRequestBytes, 1024);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxUrlLength)}", options.MaxUrlLength, 16);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxRequestHeaders)}", options.MaxRequestHeaders, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxRequestHeaderBytes)}", options.MaxRequestHeaderBytes, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.RetryBaseDelayMilliseconds)}", options.RetryBaseDelayMilliseconds, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxRetryDelaySeconds)}", options.MaxRetryDelaySeconds, 1);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.HandBackAfterSeconds)}", options.HandBackAfterSeconds, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.CheckpointResults)}", options.CheckpointResults, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.CheckpointMilliseconds)}", options.CheckpointMilliseconds, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.CheckpointMinSpacingMilliseconds)}", options.CheckpointMinSpacingMilliseconds, 0);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.DrainSeconds)}", options.DrainSeconds, 0);

        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxConcurrencyPerHost)}", options.MaxConcurrencyPerHost, 1);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.RobotsCacheMinutes)}", options.RobotsCacheMinutes, 1);
        if (options.RobotsCacheMinutes > MaxRobotsCacheMinutes)
        {
            // RFC 9309 2.4: a cached robots.txt should not be used for more than 24 hours.
            failures.Add($"{Section}:{nameof(FetchOptions.RobotsCacheMinutes)} must be at most {MaxRobotsCacheMinutes} (was {options.RobotsCacheMinutes}).");
        }

        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.RobotsUnavailableMinutes)}", options.RobotsUnavailableMinutes, 1);
        CheckAtLeast(failures, $"{Section}:{nameof(FetchOptions.MaxCrawlDelaySeconds)}", options.MaxCrawlDelaySeconds, 0);
        CheckRange(failures, $"{Section}:{nameof(FetchOptions.CallbackMaxAttempts)}", options.CallbackMaxAttempts, 1, MaxCallbackAttempts);
        CheckRange(failures, $"{Section}:{nameof(FetchOptions.CallbackTimeoutSeconds)}", options.CallbackTimeoutSeconds, 1, MaxCallbackTimeoutSeconds);

        foreach (var option in JobOptionCatalog.All)
        {
            var defaultKey = $"{Section}:{nameof(FetchOptions.Defaults)}:{option.ConfigName}";
            var limitKey = $"{Section}:{nameof(FetchOptions.Limits)}:{option.ConfigName}";
            var defaultValue = option.Read(options.Defaults);
            var limitValue = option.Read(options.Limits);
            if (option.IsOverride)
            {
                // The batch shape is planned per job from its concurrency; only a job may name it.
                if (defaultValue != 0)
                {
                    failures.Add($"{defaultKey} must be 0 (was {defaultValue}): the batch shape is planned per job from concurrency; set Fetch:Defaults:Concurrency instead, or name {option.RequestName} in a job.");
                }

                CheckAtLeast(failures, limitKey, limitValue, option.Minimum);
                continue;
            }

            CheckAtLeast(failures, defaultKey, defaultValue, option.Minimum);
            CheckAtLeast(failures, limitKey, limitValue, option.Minimum);
            if (defaultValue > limitValue)
            {
                failures.Add($"{defaultKey} ({option.Format(defaultValue)}) must not exceed {limitKey} ({option.Format(limitValue)}).");
            }
        }

        if (!FetchMethods.IsKnown(options.Defaults.Method))
        {
            failures.Add($"{Section}:{nameof(FetchOptions.Defaults)}:{nameof(JobSettings.Method)} must be {FetchMethods.Get} or {FetchMethods.Head} (was '{options.Defaults.Method}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"{key} must be from {minimum} to {maximum} (was {value}).");
        }
    }

    private static void CheckAtLeast(List<string> failures, string key, long value, long minimum)
    {
        if (value < minimum)
        {
            failures.Add($"{key} must be at least {minimum} (was {value}).");
        }
    }
}
