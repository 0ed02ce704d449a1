namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>A fact that runs only when <c>FETCH_SCREENSHOTS_DIR</c> names where to save (scripts/dashboard-screenshots.sh sets it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public const string DirectoryVariable = "FETCH_SCREENSHOTS_DIR";

    public ScreenshotFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DirectoryVariable)))
        {
            Skip = $"Makes the README's screenshots; set {DirectoryVariable} (scripts/dashboard-screenshots.sh does).";
        }
    }
}
