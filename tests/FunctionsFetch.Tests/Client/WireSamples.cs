namespace FunctionsFetch.Tests.Client;

/// <summary>Bodies as the server writes them (README "Call it"), for the client tests to be answered with.</summary>
internal static class WireSamples
{
    public static string CheckStatus(string id)
    {
        var instance = $"http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/{id}";
        return $$"""
            {"id":"{{id}}","statusQueryGetUri":"{{instance}}","sendEventPostUri":"{{instance}}/raiseEvent/{eventName}",
             "terminatePostUri":"{{instance}}/terminate?reason={text}","rewindPostUri":"{{instance}}/rewind?reason={text}",
             "purgeHistoryDeleteUri":"{{instance}}","restartPostUri":"{{instance}}/restart",
             "suspendPostUri":"{{instance}}/suspend?reason={text}","resumePostUri":"{{instance}}/resume?reason={text}"}
            """;
    }

    public static string Progress(string id, int completed) =>
        $$"""{"id":"{{id}}","runtimeStatus":"Running","total":10,"completed":{{completed}},"failed":1}""";

    public const string OkRow =
        """{"index":0,"url":"https://a.test/","finalUrl":"https://a.test/","statusCode":200,"elapsedMs":412,"bytes":1256,"sha256":"ea8f","contentType":"text/html","attempts":1,"error":null,"bodyBlob":null,"etag":"W/\"v1\"","lastModified":"2026-11-30T08:15:00+00:00"}""";

    public const string TimeoutRow =
        """{"index":1,"url":"https://b.test/","finalUrl":null,"statusCode":null,"elapsedMs":30021,"bytes":0,"sha256":null,"contentType":null,"attempts":3,"error":{"kind":"timeout","message":"No response headers arrived within the attempt timeout."},"bodyBlob":null}""";

    public const string Problem =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The request is not valid.","status":400,"detail":"urls must not be empty."}""";
}
