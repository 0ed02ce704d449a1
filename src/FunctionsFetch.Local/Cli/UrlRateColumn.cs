using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionsFetch.Local.Cli;

/// <summary>URLs fetched per second, from the task's recent progress samples.</summary>
internal sealed class UrlRateColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var rate = task.Speed is { } speed ? speed.ToString("0.0", CultureInfo.InvariantCulture) : "-";
        return new Text($"{rate} URLs/s", new Style(Color.Blue));
    }

    public override int? GetColumnWidth(RenderOptions options) => 14;
}
