using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionsFetch.Local.Cli;

/// <summary>URLs done out of the job's total, and URLs per second from the task's recent progress samples.</summary>
internal sealed class UrlCountColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var rate = task.Speed is { } speed ? speed.ToString("0.0", CultureInfo.InvariantCulture) : "-";
        return new Markup(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} [blue]{rate} URLs/s[/]"));
    }
}
