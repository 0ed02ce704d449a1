namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>Tests that share the run's Azurite. They run one class at a time: the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
