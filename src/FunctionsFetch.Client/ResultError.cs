namespace FunctionsFetch.Client;

/// <summary>
/// Why a URL produced no usable answer. <see cref="Kind"/> stays the string sent (<c>timeout</c>, <c>blocked</c>,
/// <c>tooLarge</c>, ...), so a kind a newer server adds still reads.
/// </summary>
public sealed record ResultError(string Kind, string Message);
