using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Tests.Jobs;

public sealed class JobPlannerTests
{
    [Theory]
    [InlineData(50, 10, 5, 10)]
    [InlineData(200, 10, 5, 40)]
    [InlineData(500, 50, 25, 20)]
    [InlineData(7, 10, 1, 7)]
    [InlineData(1, 10, 1, 1)]
    [InlineData(50, 1, 1, 50)]
    public void Plan_ConcurrencyAlone_BatchesTimesFetchesComesToConcurrencyWithinHalfTheSlots(int concurrency, int slots, int batches, int parallelism)
    {
        // Arrange
        var requested = new JobSettings { Concurrency = concurrency };

        // Act
        var planned = JobPlanner.Plan(requested, 100_000, new ActivitySlots(slots));

        // Assert
        Assert.Equal(batches, planned.MaxParallelBatches);
        Assert.Equal(parallelism, planned.BatchParallelism);
        Assert.True(planned.MaxParallelBatches <= Math.Max(1, slots / 2));
        Assert.True(planned.MaxParallelBatches * planned.BatchParallelism <= concurrency);
    }

    [Theory]
    [InlineData(1, 50, 10)]
    [InlineData(10, 50, 10)]
    [InlineData(300, 50, 10)]
    [InlineData(1_000, 50, 10)]
    [InlineData(10_000, 200, 10)]
    [InlineData(20_000, 50, 10)]
    [InlineData(100_000, 500, 50)]
    [InlineData(99_999, 1000, 10)]
    public void Plan_AnyJob_BatchesAreWholeWavesOfAtMostFiftyRoundsAndCoverEveryUrl(int urls, int concurrency, int slots)
    {
        // Arrange
        var requested = new JobSettings { Concurrency = concurrency };

        // Act
        var planned = JobPlanner.Plan(requested, urls, new ActivitySlots(slots));

        // Assert
        var batchCount = BatchPlanner.BatchCount(urls, planned);
        Assert.InRange(planned.BatchSize, 1, Math.Min(JobPlanner.MaxPlannedBatchSize, planned.BatchParallelism * JobPlanner.TargetRounds));
        Assert.True((long)batchCount * planned.BatchSize >= urls);
        Assert.True((long)(batchCount - 1) * planned.BatchSize < urls);

        // The last wave of batches is at least half full, so the job's end keeps most of its concurrency busy.
        var waves = (int)Math.Ceiling(batchCount / (double)planned.MaxParallelBatches);
        var lastWave = batchCount - ((waves - 1) * planned.MaxParallelBatches);
        Assert.True(batchCount < planned.MaxParallelBatches || lastWave * 2 >= planned.MaxParallelBatches, $"{batchCount} batches leave {lastWave} in the last wave");
    }

    [Fact]
    public void Plan_SmallJob_OneBatchPerSlotShareSoEveryUrlStartsAtOnce()
    {
        // Act
        var planned = JobPlanner.Plan(new JobSettings { Concurrency = 50 }, 10, new ActivitySlots(10));

        // Assert: 5 batches of 2 URLs, all in flight at once.
        Assert.Equal(5, planned.MaxParallelBatches);
        Assert.Equal(2, planned.BatchSize);
    }

    [Fact]
    public void Plan_TenThousandAtFifty_PlansThe500UrlBatchesTheCrashBenchmarkMeasuredBest()
    {
        // Act
        var planned = JobPlanner.Plan(new JobSettings { Concurrency = 50 }, 10_000, new ActivitySlots(10));

        // Assert
        Assert.Equal((500, 10, 5), (planned.BatchSize, planned.BatchParallelism, planned.MaxParallelBatches));
    }

    [Fact]
    public void Plan_AllThreeOverridesNamed_KeepsThemAsNamed()
    {
        // Arrange
        var requested = new JobSettings { Concurrency = 50, BatchSize = 7, BatchParallelism = 3, MaxParallelBatches = 4 };

        // Act
        var planned = JobPlanner.Plan(requested, 1_000, ActivitySlots.Default);

        // Assert
        Assert.Equal(requested, planned);
    }

    [Fact]
    public void Plan_OnlyBatchParallelismNamed_PlansBatchesToFitConcurrency()
    {
        // Act
        var planned = JobPlanner.Plan(new JobSettings { Concurrency = 50, BatchParallelism = 20 }, 1_000, ActivitySlots.Default);

        // Assert
        Assert.Equal(20, planned.BatchParallelism);
        Assert.Equal(2, planned.MaxParallelBatches);
    }

    [Fact]
    public void Plan_OnlyMaxParallelBatchesNamed_PlansFetchesPerBatchToFitConcurrency()
    {
        // Act
        var planned = JobPlanner.Plan(new JobSettings { Concurrency = 50, MaxParallelBatches = 8 }, 1_000, ActivitySlots.Default);

        // Assert
        Assert.Equal(8, planned.MaxParallelBatches);
        Assert.Equal(6, planned.BatchParallelism);
    }

    [Theory]
    [InlineData(10, 6, 50, "options.batchParallelism (10) x options.maxParallelBatches (6) = 60 fetches in flight, more than options.concurrency (50)")]
    [InlineData(51, 0, 50, "options.batchParallelism (51) is more than options.concurrency (50)")]
    [InlineData(0, 51, 50, "options.maxParallelBatches (51) is more than options.concurrency (50)")]
    public void Refusal_OverridesPastConcurrency_NamesThemAndConcurrency(int parallelism, int batches, int concurrency, string expected)
    {
        // Arrange
        var requested = new JobSettings { Concurrency = concurrency, BatchParallelism = parallelism, MaxParallelBatches = batches };

        // Act
        var refusal = JobPlanner.Refusal(requested);

        // Assert
        Assert.NotNull(refusal);
        Assert.StartsWith(expected, refusal, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => JobPlanner.Plan(requested, 10, ActivitySlots.Default));
    }

    [Theory]
    [InlineData(10, 5, 50)]
    [InlineData(50, 0, 50)]
    [InlineData(0, 50, 50)]
    [InlineData(0, 0, 1)]
    public void Refusal_OverridesWithinConcurrency_IsNull(int parallelism, int batches, int concurrency)
    {
        // Act
        var refusal = JobPlanner.Refusal(new JobSettings { Concurrency = concurrency, BatchParallelism = parallelism, MaxParallelBatches = batches });

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public void FromStored_ShapeStoredBeforeConcurrency_TakesTheShapesFetchesInFlightAsItsConcurrency()
    {
        // Act
        var settings = JobPlanner.FromStored(new JobSettings { BatchSize = 50, BatchParallelism = 16, MaxParallelBatches = 10 });

        // Assert
        Assert.Equal(160, settings.Concurrency);
        Assert.Null(JobPlanner.Refusal(settings));
    }

    [Fact]
    public void FromStored_SettingsThatFit_AreKeptAsStored()
    {
        // Arrange
        var stored = new JobSettings { Concurrency = 30, BatchParallelism = 5 };

        // Act
        var settings = JobPlanner.FromStored(stored);

        // Assert
        Assert.Same(stored, settings);
    }

    [Theory]
    [InlineData(50, 500, 10, 5, 10)]
    [InlineData(200, 500, 10, 5, 40)]
    [InlineData(3, 500, 10, 3, 1)]
    [InlineData(1, 500, 10, 1, 1)]
    [InlineData(400, 20, 10, 5, 20)]
    public void Retune_NewConcurrency_SplitsItWithinHalfTheSlotsAndTheBatchSize(int concurrency, int batchSize, int slots, int batches, int parallelism)
    {
        // Arrange: a job planned for 10 in flight, with named overrides the retune does not keep.
        var current = new JobSettings { Concurrency = 10, BatchSize = batchSize, BatchParallelism = 5, MaxParallelBatches = 2 };

        // Act
        var change = JobPlanner.Retune(current, concurrency, new ActivitySlots(slots));

        // Assert
        Assert.Equal(new ConcurrencyChange(concurrency, parallelism, batches), change);
        Assert.True(change.MaxParallelBatches * change.BatchParallelism <= concurrency);
        Assert.True(change.BatchParallelism <= batchSize);
    }

    [Fact]
    public void Retune_Applied_KeepsTheBatchSizeAndEveryOtherSetting()
    {
        // Arrange
        var current = JobPlanner.Plan(new JobSettings { Concurrency = 10, MaxAttempts = 7 }, 10_000, new ActivitySlots(10));

        // Act
        var retuned = JobPlanner.Retune(current, 100, new ActivitySlots(10)).ApplyTo(current);

        // Assert
        Assert.Equal(current with { Concurrency = 100, MaxParallelBatches = 5, BatchParallelism = 20 }, retuned);
    }

    [Fact]
    public void Retune_ConcurrencyBelowOne_Throws()
    {
        // Act and assert
        Assert.Throws<ArgumentOutOfRangeException>(() => JobPlanner.Retune(new JobSettings(), 0, ActivitySlots.Default));
    }
}
