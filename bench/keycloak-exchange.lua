-- Keycloak's own RFC 8693 token exchange (standard token exchange V2), as the broker's token-exchange kind uses
-- it: the broker's confidential client exchanges a person's Keycloak access token for one with aud=nextcloud.
LABEL = "keycloak_token_exchange"
EXPECT = '"access_token"'
dofile(os.getenv("BENCH_DIR") .. "/rotate.lua")

init = function(args)
  local headers = {
    ["Authorization"] = os.getenv("KEYCLOAK_AUTH"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }
  for _, token in ipairs(list("KEYCLOAK_SUBJECT_TOKENS")) do
    local body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
      .. "&subject_token=" .. token
      .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
      .. "&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
      .. "&audience=nextcloud&scope=nextcloud-audience"
    table.insert(REQUESTS, wrk.format("POST", nil, headers, body))
  end
end
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
