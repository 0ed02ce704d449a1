using System.Net;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>The addresses a connection may use, or the rule that refuses it.</summary>
public sealed record GuardDecision(IReadOnlyList<IPAddress> Allowed, string? Refusal)
{
    public bool IsBlocked => Allowed.Count == 0;
}
