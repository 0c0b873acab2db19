-- wrk script for the generator's own ceiling: GET a trivial endpoint, same result line as mcp_call.lua.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"ok":%d,"bad":%d,' ..
    '"socket_errors":%d,"non2xx":%d,"bad_sample":null}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.requests - e.status, e.status, e.connect + e.read + e.write + e.timeout, e.status))
end
