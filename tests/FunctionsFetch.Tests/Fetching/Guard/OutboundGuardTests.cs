using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching.Guard;
using Microsoft.Extensions.Options;
using Moq;

namespace FunctionsFetch.Tests.Fetching.Guard;

/// <summary>The guard's decisions only: no connection is attempted, names resolve through a fake.</summary>
public sealed class OutboundGuardTests
{
    public static TheoryData<string, string> RefusedAddresses => new()
    {
        { "127.0.0.1", "loopback" },
        { "127.255.255.254", "loopback" },
        { "10.0.0.1", "private (10.0.0.0/8)" },
        { "10.255.255.255", "private (10.0.0.0/8)" },
        { "172.16.0.1", "private (172.16.0.0/12)" },
        { "172.31.255.255", "private (172.16.0.0/12)" },
        { "192.168.1.1", "private (192.168.0.0/16)" },
        { "169.254.0.1", "link-local" },
        { "169.254.169.254", "cloud metadata" },
        { "168.63.129.16", "cloud metadata" },
        { "100.64.0.1", "shared address space" },
        { "100.127.255.255", "shared address space" },
        { "0.0.0.0", "unspecified" },
        { "0.1.2.3", "unspecified" },
        { "224.0.0.1", "multicast" },
        { "239.255.255.250", "multicast" },
        { "240.0.0.1", "reserved" },
        { "255.255.255.255", "reserved" },
        { "::1", "loopback (::1)" },
        { "::", "unspecified (::)" },
        { "fe80::1", "link-local (fe80::/10)" },
        { "fc00::1", "unique-local" },
        { "fd12:3456::1", "unique-local" },
        { "fd00:ec2::254", "cloud metadata" },
        { "ff02::1", "multicast (ff00::/8)" },
        { "::ffff:127.0.0.1", "loopback (127.0.0.0/8), as ::ffff:127.0.0.1" },
        { "::ffff:10.1.2.3", "private (10.0.0.0/8)" },
        { "::ffff:169.254.169.254", "cloud metadata" },
        { "::127.0.0.1", "loopback (127.0.0.0/8)" },
        { "64:ff9b::7f00:1", "loopback (127.0.0.0/8)" },
        { "2002:c0a8:0101::1", "private (192.168.0.0/16)" },
    };

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task DecideAsync_NonPublicAddress_IsRefusedNamingTheRule(string address, string expectedRule)
    {
        // Arrange
        var guard = Guard();

        // Act
        var decision = await guard.DecideAsync(address, 80, CancellationToken.None);

        // Assert
        Assert.True(decision.IsBlocked);
        Assert.Contains(expectedRule, decision.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:7f00:1]/")]
    [InlineData("http://[0:0:0:0:0:ffff:127.0.0.1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://0/")]
    [InlineData("http://localhost/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0xa9fea9fe/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/")]
    public async Task DecideAsync_LoopbackOrMetadataSpelledAnyWay_IsRefused(string url)
    {
        // Arrange: the handler hands the guard the URL's host as the Uri parsed it.
        var guard = Guard();
        var uri = new Uri(url);

        // Act
        var decision = await guard.DecideAsync(uri.IdnHost, uri.Port, CancellationToken.None);

        // Assert
        Assert.True(decision.IsBlocked, $"{url} (host '{uri.IdnHost}') was allowed");
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    public async Task DecideAsync_PublicAddress_IsAllowed(string address)
    {
        // Act
        var decision = await Guard().DecideAsync(address, 443, CancellationToken.None);

        // Assert
        Assert.False(decision.IsBlocked, decision.Refusal);
    }

    [Fact]
    public async Task DecideAsync_NameResolvingToPublicAndPrivate_KeepsOnlyThePublicAddress()
    {
        // Arrange: a rebinding-style answer.
        var guard = Guard(resolves: [IPAddress.Parse("10.0.0.5"), IPAddress.Parse("93.184.215.14")]);

        // Act
        var decision = await guard.DecideAsync("mixed.example", 80, CancellationToken.None);

        // Assert
        Assert.Equal([IPAddress.Parse("93.184.215.14")], decision.Allowed);
    }

    [Fact]
    public async Task DecideAsync_AllowPrivateNetworks_AllowsLoopbackButNeverMetadata()
    {
        // Arrange
        var guard = Guard(new FetchOptions { AllowPrivateNetworks = true });

        // Act
        var loopback = await guard.DecideAsync("127.0.0.1", 80, CancellationToken.None);
        var metadata = await guard.DecideAsync("169.254.169.254", 80, CancellationToken.None);

        // Assert
        Assert.False(loopback.IsBlocked);
        Assert.True(metadata.IsBlocked);
        Assert.Contains("cloud metadata", metadata.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.2.3", 80, false)]
    [InlineData("10.1.0.0/16", "10.2.0.1", 80, true)]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, false)]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8081, true)]
    [InlineData("127.0.0.1:8080", "::ffff:127.0.0.1", 8080, false)]
    [InlineData("[::1]:9000", "::1", 9000, false)]
    [InlineData("169.254.169.254", "169.254.169.254", 80, false)]
    public async Task DecideAsync_AllowedTargetAddressEntry_AllowsOnlyThatRangeAndPort(string entry, string address, int port, bool expectBlocked)
    {
        // Arrange
        var guard = Guard(new FetchOptions { AllowedTargets = [entry] });

        // Act
        var decision = await guard.DecideAsync(address, port, CancellationToken.None);

        // Assert
        Assert.Equal(expectBlocked, decision.IsBlocked);
    }

    [Fact]
    public async Task DecideAsync_AllowedHostEntry_AllowsItsPrivateAddressesButNotMetadata()
    {
        // Arrange
        var guard = Guard(new FetchOptions { AllowedTargets = ["intranet.example:8443"] }, resolves: [IPAddress.Parse("10.9.8.7"), IPAddress.Parse("169.254.169.254")]);

        // Act
        var allowed = await guard.DecideAsync("intranet.example", 8443, CancellationToken.None);
        var otherPort = await guard.DecideAsync("intranet.example", 443, CancellationToken.None);

        // Assert
        Assert.Equal([IPAddress.Parse("10.9.8.7")], allowed.Allowed);
        Assert.True(otherPort.IsBlocked);
    }

    [Theory]
    [InlineData("not a host!")]
    [InlineData("10.0.0.0/33")]
    [InlineData("host:99999")]
    public void Validate_BadAllowedTarget_FailsNamingTheEntry(string entry)
    {
        // Act
        var result = new AllowedTargetsValidator().Validate(null, new FetchOptions { AllowedTargets = [entry] });

        // Assert
        Assert.True(result.Failed);
        Assert.Contains("Fetch:AllowedTargets:0", result.FailureMessage, StringComparison.Ordinal);
    }

    private static OutboundGuard Guard(FetchOptions? options = null, IPAddress[]? resolves = null)
    {
        var resolver = new Mock<IHostResolver>();
        resolver
            .Setup(r => r.ResolveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string host, CancellationToken _) =>
                resolves ?? (host.TrimEnd('.').Equals("localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : []));
        return new OutboundGuard(Options.Create(options ?? new FetchOptions()), resolver.Object);
    }

    [Theory]
    [InlineData(AddressRules.CloudMetadata, "Allow it with an address entry in Fetch:AllowedTargets.")]
    [InlineData("private (10.0.0.0/8)", "Allow it with Fetch:AllowedTargets or Fetch:AllowPrivateNetworks.")]
    public void RefusalMessage_Rule_NamesTheRuleAndOnlyASettingThatWouldAllowIt(string refusal, string expectedHint)
    {
        // Act
        var message = OutboundGuard.RefusalMessage("169.254.169.254", 80, refusal);

        // Assert
        Assert.StartsWith($"Refused 169.254.169.254:80: {refusal}.", message, StringComparison.Ordinal);
        Assert.EndsWith(expectedHint, message, StringComparison.Ordinal);
    }
}
