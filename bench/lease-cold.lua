-- A credential lease per request, as mcp-resource asks for one on a cache miss: RFC 8693 token exchange at the
-- broker's token endpoint, client_secret_basic as the lease client, a person's MCP access token as subject_token.
-- Each is a full lease decision (client authentication, subject-token checks, database lookups, vault decryption).
LABEL = "cold_lease"
EXPECT = '"issued_token_type":"urn:ncmcp:params:oauth:token-type:nextcloud-credential"'
dofile(os.getenv("BENCH_DIR") .. "/rotate.lua")

init = function(args)
  local headers = {
    ["Authorization"] = os.getenv("LEASE_AUTH"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }
  for _, token in ipairs(list("LEASE_SUBJECT_TOKENS")) do
    local body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
      .. "&subject_token=" .. token
      .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
      .. "&requested_token_type=urn%3Ancmcp%3Aparams%3Aoauth%3Atoken-type%3Anextcloud-credential"
      .. "&scope=" .. os.getenv("LEASE_SCOPE")
    table.insert(REQUESTS, wrk.format("POST", nil, headers, body))
  end
end
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
