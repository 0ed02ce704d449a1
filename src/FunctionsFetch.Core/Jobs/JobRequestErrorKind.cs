namespace FunctionsFetch.Jobs;

/// <summary>The kinds of start request the job domain refuses.</summary>
public enum JobRequestErrorKind
{
    /// <summary>The body or a value in it is not a valid job (bad JSON, no URLs, a bad URL or option).</summary>
    Invalid,

    /// <summary>The body is larger than <c>Fetch:MaxRequestBytes</c>.</summary>
    TooLarge,

    /// <summary>The body is labelled with a character set other than UTF-8.</summary>
    UnsupportedCharset,
}
