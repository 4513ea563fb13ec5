-- wrk script: GET of random 64 KiB ranges of one file of RANGE_BYTES bytes, with the bearer token in
-- RANGE_TOKEN when set (nginx ignores it). Ends with one line for scripts/bench.sh to read:
-- "range-result REQUESTS_PER_SECOND P50_MS P99_MS ERRORS" (errors: non-2xx answers, failed connections, timeouts).
-- No response() hook: wrk would hand every 64 KiB body to Lua, which would slow the client, not the server.
local bytes = tonumber(os.getenv("RANGE_BYTES"))
local token = os.getenv("RANGE_TOKEN")
local size = 65536
-- wrk-seed.lua, found beside this script (wrk loads it by the path it was given, e.g. scripts/bench-range.lua).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "") .. "wrk-seed.lua")
request = function()
  local start = math.random(0, bytes - size)
  local headers = { Range = string.format("bytes=%d-%d", start, start + size - 1) }
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", nil, headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("range-result %.1f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status + e.connect + e.read + e.write + e.timeout))
end
