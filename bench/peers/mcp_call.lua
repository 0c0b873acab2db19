-- wrk script: POST a JSON-RPC tools/call per request, each with a unique id, and check every response.
--
--   wrk -c 8 -t 2 -d 3s -s mcp_call.lua -H 'Authorization: Bearer ...' -H 'mcp-session-id: ...' URL \
--       -- '<body before the id>' '<body after the id>' '<substring every good response contains>'
--
-- Headers (bearer token, MCP session id, protocol version, Accept) come from -H. Responses are checked and
-- reported by wrk_checked.lua.

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_checked.lua")

function init(args)
  prefix, suffix, expect = args[1], args[2], args[3]
  counter = (tid or 0) * 100000000
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, prefix .. counter .. suffix)
end
