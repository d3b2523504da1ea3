-- Shared by all benchmark runs: after wrk finishes, print one machine-readable line that
-- bench/run.sh parses (wrk's own human-readable output is printed above it).
-- Latencies from wrk are in microseconds; duration too.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p95_us=%d p99_us=%d non2xx3xx=%d connect=%d read=%d write=%d timeout=%d mean_us=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout, math.floor(latency.mean)))
end
