using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.Functions;

/// <summary>What a trigger test checks of the answer: the handler's own, passed on untouched.</summary>
internal static class TriggerAssert
{
    public static void SameAnswer(ExecutedResult expected, ExecutedResult actual)
    {
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.Header("Content-Type"), actual.Header("Content-Type"));
        Assert.Equal(expected.Text, actual.Text);
    }
}
