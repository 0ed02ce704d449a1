using FunctionsFetch.Storage;

namespace FunctionsFetch.Jobs;

/// <summary>A retry job reports the merged list: the base list's counts with its own outcomes in place of the retried entries.</summary>
public static class MergedCounts
{
    public static JobCounts Of(JobCounts own, JobManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(own);
        if (manifest?.RetryOf is null)
        {
            return own;
        }

        var failed = manifest.BaseFailed - own.Completed + own.Failed;
        return new JobCounts(manifest.BaseTotal, manifest.BaseTotal - failed, failed);
    }
}
