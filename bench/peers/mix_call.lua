-- wrk script: the realistic mix of bench/load.py (--driver wrk), at rates a Python client cannot generate. Each
-- request picks an identity (its bearer token and MCP session) and a tool call by weight, with a unique JSON-RPC id.
--
--   wrk -c 8 -t 2 -d 30s -s bench/peers/mix_call.lua URL -- /path/to/mix.tsv
--
-- mix.tsv, tab-separated, one entry per line:
--   S <token> <session id>          an identity's session (any number)
--   M <weight> <params JSON>        a tools/call's params (name, arguments, _meta)
-- Responses are checked and reported by wrk_checked.lua.

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_checked.lua")

function init(args)
  sessions, calls, total = {}, {}, 0
  for line in io.lines(args[1]) do
    local kind, a, b = line:match("^(%a)\t([^\t]+)\t(.+)$")
    if kind == "S" then
      table.insert(sessions, {a, b})
    elseif kind == "M" then
      total = total + tonumber(a)
      table.insert(calls, {total, b})
    end
  end
  counter = (tid or 0) * 100000000
  math.randomseed(tid or 1)
end

function request()
  counter = counter + 1
  local session = sessions[math.random(#sessions)]
  local pick, params = math.random() * total, calls[#calls][2]
  for _, c in ipairs(calls) do
    if pick < c[1] then params = c[2]; break end
  end
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. session[1],
    ["mcp-session-id"] = session[2],
    ["mcp-protocol-version"] = "2025-06-18",
    ["Accept"] = "application/json, text/event-stream",
    ["Content-Type"] = "application/json",
  }, '{"jsonrpc":"2.0","method":"tools/call","params":' .. params .. ',"id":' .. counter .. '}')
end
