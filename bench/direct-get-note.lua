-- The same note read straight from the simulator's Notes API, as mcp-resource does it.
LABEL = "direct_notes_api_get_note"
EXPECT = '"etag"'
wrk.method = "GET"
wrk.headers["Authorization"] = os.getenv("BASIC_AUTH")
wrk.headers["Accept"] = "application/json"
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
