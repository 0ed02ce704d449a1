using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionsFetch.Testing;

/// <summary>One scrape of a Prometheus text exposition: each sample's name, labels and value.</summary>
public sealed partial class PrometheusScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var sample = Sample().Match(line);
            if (!sample.Success)
            {
                throw new FormatException($"Not a Prometheus sample: {line}");
            }

            var labels = Label().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            _samples.Add((sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new PrometheusScrape(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one given (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>The label sets of <paramref name="name"/>'s samples.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> LabelSets(string name) => _samples.Where(s => s.Name == name).Select(s => s.Labels);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
