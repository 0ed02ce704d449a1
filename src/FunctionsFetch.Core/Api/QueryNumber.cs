using System.Globalization;

namespace FunctionsFetch.Api;

/// <summary>A whole number from the query string, in a range, with the one wording every route refuses others with.</summary>
public static class QueryNumber
{
    /// <summary><paramref name="fallback"/> when <paramref name="text"/> is absent or empty; the number when it is in range; else null.</summary>
    public static int? Parse(string? text, int minimum, int maximum, int fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum ? value
        : null;

    /// <summary>Why <paramref name="text"/> was refused as <paramref name="name"/>.</summary>
    public static string Rule(string name, string? text, int minimum, int maximum) =>
        $"{name} must be a whole number from {minimum} to {maximum} (was '{text}').";
}
