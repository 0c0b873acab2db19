-- Shared by mcp_call.lua and mix_call.lua: every response checked, one result line for the harness. Loaded with
-- dofile from the same directory; defines response() and done() for wrk.
--
-- A response is good when its status is 200, it contains the expected substring (if one is set in `expect`) and
-- contains neither "isError":true nor a JSON-RPC error object. done() prints WRK_RESULT {json}.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

ok, bad, badsample = 0, 0, nil

function response(status, headers, body)
  if status == 200 and (not expect or body:find(expect, 1, true)) and not body:find('"isError":true', 1, true)
      and not body:find('"error":{', 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
    if not badsample then badsample = status .. " " .. body:sub(1, 300) end
  end
end

local function jsonstr(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local good, failed, sample = 0, 0, nil
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    failed = failed + t:get("bad")
    sample = sample or t:get("badsample")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"ok":%d,"bad":%d,' ..
    '"socket_errors":%d,"non2xx":%d,"bad_sample":%s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, good, failed,
    e.connect + e.read + e.write + e.timeout, e.status, sample and jsonstr(sample) or "null"))
end
