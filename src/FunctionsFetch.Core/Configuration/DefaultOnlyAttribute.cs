namespace FunctionsFetch.Configuration;

/// <summary>
/// Marks a <see cref="JobSettings"/> property that has a server default but no limit: every job may ask for any
/// of its values, so <c>Fetch:Limits</c> has no key for it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultOnlyAttribute : Attribute;
