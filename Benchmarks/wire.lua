-- wrk script for Benchmarks/wire.sh: DynamoDB JSON over the wire.
--   wrk -s wire.lua URL -- put TABLE KEYS   PutItem with random keys in 0..KEYS-1
--   wrk -s wire.lua URL -- get TABLE KEYS   GetItem of keys 0..KEYS-1 (written beforehand)
-- The Authorization header is a fixed, unverified SigV4 header: servers that route by the signature's
-- scope (moto) see "dynamodb"; servers that do not check signatures ignore it.
-- No `response` callback: wrk then skips handing every response to Lua, so the load generator takes
-- less of the CPU it shares with the server. wrk still counts non-2xx answers, which wire.sh reports.

local mode, table_name, keys = "get", "Bench", 1000

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Date"] = "20250101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20250101/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000",
}

-- Requests are formatted once, in init, so that wrk spends its time on the connections rather than on
-- formatting strings in Lua: GetItem draws from one request per key; PutItem from one request per key cut
-- around its value, a random 7-digit number spliced in per request (so every put changes its item: an
-- unchanged item would be a no-op write).
local gets, put_heads, put_tails = {}, {}, {}
local payload = "benchmark payload 0123456789"

function init(args)
  mode = args[1] or mode
  table_name = args[2] or table_name
  keys = tonumber(args[3] or keys)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  for key = 0, keys - 1 do
    if mode == "put" then
      headers["X-Amz-Target"] = "DynamoDB_20120810.PutItem"
      local body = string.format('{"TableName":"%s","Item":{"pk":{"S":"k%d"},"n":{"N":"0000000"},"payload":{"S":"%s"}}}',
        table_name, key, payload)
      local text = wrk.format("POST", "/", headers, body)
      local at = text:find('"N":"0000000"', 1, true) + 5
      put_heads[key], put_tails[key] = text:sub(1, at - 1), text:sub(at + 7)
    else
      headers["X-Amz-Target"] = "DynamoDB_20120810.GetItem"
      gets[key] = wrk.format("POST", "/", headers, string.format('{"TableName":"%s","Key":{"pk":{"S":"k%d"}}}', table_name, key))
    end
  end
end

function request()
  local key = math.random(0, keys - 1)
  if mode == "put" then return put_heads[key] .. math.random(1000000, 9999999) .. put_tails[key] end
  return gets[key]
end
