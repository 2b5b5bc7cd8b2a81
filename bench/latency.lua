-- wrk reporter: one JSON line with throughput, latency percentiles and error counts.
-- "errors" is every socket error (connect + read + write + timeout), also given one by one;
-- "non2xx" is wrk's status error count (responses with a status of 400 or more).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "non2xx": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, e.status))
end
