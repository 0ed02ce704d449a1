using System.Text;
using FunctionsFetch.Local.Cli;

namespace FunctionsFetch.Tests.Cli;

public sealed class ResultsBodyTests
{
    [Fact]
    public void ReadHead_StartOfAResultsDocument_ReadsTheCounts()
    {
        // Arrange: cut mid-result, as the first read of a long document is.
        var start = Encoding.UTF8.GetBytes("""{"id":"j1","runtimeStatus":"Failed","total":100,"succeeded":7,"failed":13,"results":[{"index":0,"url":"https://a.te""");

        // Act
        var counts = ResultsBody.ReadHead(start, "j1");

        // Assert
        Assert.Equal("Failed", counts.RuntimeStatus);
        Assert.Equal((100, 7, 13), (counts.Total, counts.Succeeded, counts.Failed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"id":"j1","results":[]}""")]
    public void ReadHead_NoStatus_ThrowsAJobError(string text)
    {
        // Arrange
        var start = Encoding.UTF8.GetBytes(text);

        // Act
        var exception = Assert.Throws<CliException>(() => ResultsBody.ReadHead(start, "j1"));

        // Assert
        Assert.Equal(ExitCodes.JobFailed, exception.ExitCode);
    }
}
