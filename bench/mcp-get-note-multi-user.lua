-- nc_notes_get_note through mcp-resource in multi-user mode, each person with their own MCP token and note:
-- every call needs a notes:read credential, which comes from the lease cache (a broker request only on a miss).
LABEL = "cached_lease_mcp_get_note"
EXPECT = '"isError":false'
dofile(os.getenv("BENCH_DIR") .. "/rotate.lua")

init = function(args)
  local tokens = list("MCP_TOKENS")
  local notes = list("NOTE_IDS")
  for i, token in ipairs(tokens) do
    local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json, text/event-stream",
      ["MCP-Protocol-Version"] = "2025-11-25",
    }
    local body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nc_notes_get_note","arguments":'
      .. '{"noteId":' .. notes[i] .. '}}}'
    table.insert(REQUESTS, wrk.format("POST", nil, headers, body))
  end
end
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
