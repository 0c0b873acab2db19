-- wrk script: the realistic mix of bench/load.py (--driver wrk), at rates a Python client cannot generate. Each
-- request picks an identity (its bearer token and MCP session) and a tool call by weight, with a unique JSON-RPC id.
--
--   wrk -c 8 -t 2 -d 30s -s bench/peers/mix_call.lua URL -- /path/to/mix.tsv
--
-- mix.tsv, tab-separated, one entry per line:
--   V <protocol version>            the mcp-protocol-version header (2026-07-28: also mcp-method and mcp-name)
--   S <token> <session id>          an identity's session (any number; the id empty for a server without sessions)
--   M <weight> <params JSON>        a tools/call's params (name, arguments, _meta)
-- Responses are checked and reported by wrk_checked.lua.

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_checked.lua")

function init(args)
  sessions, calls, total, version = {}, {}, 0, "2025-06-18"
  for line in io.lines(args[1]) do
    local kind, a, b = line:match("^(%a)\t([^\t]+)\t?(.*)$")
    if kind == "V" then
      version = a
    elseif kind == "S" then
      table.insert(sessions, {a, b})
    elseif kind == "M" then
      total = total + tonumber(a)
      table.insert(calls, {total, b, b:match('"name":"([^"]+)"')})
    end
  end
  modern = version >= "2026"
  counter = (tid or 0) * 100000000
  math.randomseed(tid or 1)
end

function request()
  counter = counter + 1
  local session = sessions[math.random(#sessions)]
  local pick, call = math.random() * total, calls[#calls]
  for _, c in ipairs(calls) do
    if pick < c[1] then call = c; break end
  end
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. session[1],
    ["mcp-session-id"] = session[2] ~= "" and session[2] or nil,
    ["mcp-protocol-version"] = version,
    ["mcp-method"] = modern and "tools/call" or nil,
    ["mcp-name"] = modern and call[3] or nil,
    ["Accept"] = "application/json, text/event-stream",
    ["Content-Type"] = "application/json",
  }, '{"jsonrpc":"2.0","method":"tools/call","params":' .. call[2] .. ',"id":' .. counter .. '}')
end
