-- One MCP tools/call of nc_notes_get_note per request. NOTE_ID comes from the environment.
LABEL = "mcp_tools_call_nc_notes_get_note"
EXPECT = '"isError":false'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nc_notes_get_note","arguments":{"noteId":'
  .. os.getenv("NOTE_ID") .. '}}}'
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
