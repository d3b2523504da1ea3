namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>
/// Tests that run sweeper passes over every workspace of the shared database (the hosted pass, the bench endpoint, the
/// recompute worker) or time thousands of firings: one at a time, so that no pass sweeps another test's timers while it counts them.
/// </summary>
[CollectionDefinition(nameof(SlaSweepCollection))]
public sealed class SlaSweepCollection;
