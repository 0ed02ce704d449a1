using FunctionsFetch.Api;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Tests.Api;

public sealed class ApiProblemsTests
{
    [Theory]
    [InlineData(JobRequestErrorKind.Invalid, 400)]
    [InlineData(JobRequestErrorKind.TooLarge, 413)]
    [InlineData(JobRequestErrorKind.UnsupportedCharset, 415)]
    public void For_EachRequestErrorKind_MapsToItsStatusWithTheDomainsDetail(JobRequestErrorKind kind, int status)
    {
        // Act
        var problem = ApiProblems.For(new JobRequestError(kind, "what to fix"));

        // Assert
        Assert.Equal(status, problem.Status);
        Assert.Equal("what to fix", problem.Detail);
        Assert.DoesNotContain("index", problem.Extensions.Keys);
    }

    [Fact]
    public void For_BadUrl_CarriesItsIndex()
    {
        // Act
        var problem = ApiProblems.For(new JobRequestError(JobRequestErrorKind.Invalid, "urls[3] is bad", Index: 3));

        // Assert
        Assert.Equal(3, problem.Extensions["index"]);
    }
}
