using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

/// <summary>
/// Builds the 202 that hands out a started job's status URLs. Each host builds its own: the Functions app through the
/// Durable extension's management payload, the local host through its replica of it.
/// </summary>
public delegate IResult JobAccepted(string instanceId);
