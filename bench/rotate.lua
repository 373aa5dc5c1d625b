-- Shared wrk hook: send the prepared REQUESTS (built by the including script's init) in turn, one per call,
-- so the load is spread over several people.
REQUESTS = {}
local turn = 0

request = function()
  turn = turn % #REQUESTS + 1
  return REQUESTS[turn]
end

-- A comma-separated environment variable as a list.
function list(name)
  local items = {}
  for item in string.gmatch(os.getenv(name) or "", "[^,]+") do
    table.insert(items, item)
  end
  return items
end
