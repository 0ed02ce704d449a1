using System.Text.Json;

namespace FunctionsFetch.Serialization;

/// <summary>Turns a stored payload back into JSON for display; text that is not JSON is shown as a string.</summary>
public static class SerializedJson
{
    public static JsonElement? Parse(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(serialized);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized);
        }
    }
}
