-- wrk script: POST a JSON-RPC tools/call per request, each with a unique id, and check every response.
--
--   wrk -c 8 -t 2 -d 3s -s mcp_call.lua -H 'Authorization: Bearer ...' -H 'mcp-session-id: ...' URL \
--       -- '<body before the id>' '<body after the id>' '<substring every good response contains>'
--
-- Headers (bearer token, MCP session id, protocol version, Accept) come from -H. A response counts as good when
-- its status is 200, it contains the expected substring and contains neither "isError":true nor a JSON-RPC
-- error object. done() prints one line the harness parses: WRK_RESULT {json}.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix, suffix, expect = args[1], args[2], args[3]
  counter = (tid or 0) * 100000000
  ok, bad, badsample = 0, 0, nil
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, prefix .. counter .. suffix)
end

function response(status, headers, body)
  if status == 200 and body:find(expect, 1, true) and not body:find('"isError":true', 1, true)
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
