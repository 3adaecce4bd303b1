"""The shared flow engine: call graph, execution context (synchronous or deferred),
entries (taps, other events, lifecycles), reachability and the traces that prove it.
Rules ask it questions; they never walk raw trees to rediscover flows."""
