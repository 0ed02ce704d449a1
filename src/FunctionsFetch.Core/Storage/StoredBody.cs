namespace FunctionsFetch.Storage;

/// <summary>A saved body opened for reading; the reader disposes <paramref name="Content"/>.</summary>
/// <param name="Content">The body's bytes, streamed.</param>
/// <param name="ContentType">The Content-Type the URL answered with, or null when it sent none.</param>
public sealed record StoredBody(Stream Content, string? ContentType);
