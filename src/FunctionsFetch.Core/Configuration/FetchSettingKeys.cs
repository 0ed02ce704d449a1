using System.Globalization;
using System.Reflection;

namespace FunctionsFetch.Configuration;

/// <summary>
/// Lists every <c>Fetch</c> configuration key with its value, read off <see cref="FetchOptions"/> itself,
/// so samples, docs and deployment files can be checked against the code rather than against a copy.
/// </summary>
public static class FetchSettingKeys
{
    public static IReadOnlyDictionary<string, string> WithDefaults(FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Collect(FetchOptions.SectionName, options, keys);

        // The batch shape's overrides are planned per job: they have no default to configure.
        foreach (var option in JobOptionCatalog.All.Where(o => o.IsOverride))
        {
            keys.Remove($"{FetchOptions.SectionName}:{nameof(FetchOptions.Defaults)}:{option.ConfigName}");
        }

        return keys;
    }

    private static void Collect(string prefix, object instance, SortedDictionary<string, string> keys)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is null || property.GetIndexParameters().Length > 0 || property.SetMethod is null ||
                (property.IsDefined(typeof(DefaultOnlyAttribute)) && prefix.EndsWith($":{nameof(FetchOptions.Limits)}", StringComparison.Ordinal)))
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);
            switch (value)
            {
                case bool flag:
                    keys[key] = flag ? "true" : "false";
                    break;
                case IFormattable number:
                    keys[key] = number.ToString(null, CultureInfo.InvariantCulture);
                    break;
                case string text:
                    keys[key] = text;
                    break;
                case string[] list:
                    for (var i = 0; i < list.Length; i++)
                    {
                        keys[$"{key}:{i}"] = list[i];
                    }

                    break;
                case null:
                    keys[key] = string.Empty;
                    break;
                default:
                    Collect(key, value, keys);
                    break;
            }
        }
    }
}
