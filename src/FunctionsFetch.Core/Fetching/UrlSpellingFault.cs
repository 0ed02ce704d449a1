namespace FunctionsFetch.Fetching;

/// <summary>The rule of <see cref="UrlSpelling"/> a URL breaks.</summary>
public enum UrlSpellingFault
{
    None,
    TooLong,
    SurroundingWhitespace,
    ControlCharacter,
    NotHttp,
    UserInfo,
}
