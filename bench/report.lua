-- Shared wrk hooks: count answers that are not what a successful call looks like, and print one summary line.
-- EXPECT is set by the including script: a string every successful response body contains.
-- `failures` is global on purpose: each wrk thread has its own Lua state, and done() (in the main state) reads
-- every thread's count through thread:get().
failures = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

response = function(status, headers, body)
  if status ~= 200 or (EXPECT ~= nil and not string.find(body, EXPECT, 1, true)) then
    failures = failures + 1
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format(
    "RESULT label=%s requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d socket_errors=%d\n",
    LABEL, summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
