using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FunctionsFetch.Storage;

/// <summary>
/// A position in a job's results as they finish (<see cref="LiveResultsReader"/>): the entries of its finish order
/// read whole, and the rows read of the next one. Clients see it only as an opaque token.
/// </summary>
/// <param name="Entries">Entries read whole.</param>
/// <param name="Rows">Rows read of the entry after them.</param>
public readonly record struct ResultsCursor(int Entries, int Rows)
{
    private const string Version = "1";

    /// <summary>Before the first result.</summary>
    public static ResultsCursor Start => default;

    /// <summary>The token a client passes back as <c>after</c>.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}.{Entries}.{Rows}")));

    /// <summary>Reads a token <see cref="Encode"/> wrote; false for anything else.</summary>
    public static bool TryDecode(string token, out ResultsCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(token) || token.Length > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('.');
        if (parts.Length != 3 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var entries)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            return false;
        }

        cursor = new ResultsCursor(entries, rows);
        return true;
    }
}
