using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionsFetch.Local.Cli;

/// <summary>URLs done out of the job's total.</summary>
internal sealed class CountColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0}"));
    }
}
