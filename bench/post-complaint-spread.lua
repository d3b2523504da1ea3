-- POST a complaint per request, rotating over many tenants (creates spread as a SaaS sees them).
-- $SPREAD_TENANTS_FILE names a file with one "<tenant id> <API key>" pair a line. $SPREAD_MODE says how
-- a request names its tenant: "api" sends "Authorization: Bearer <key>" (POST /api/v1/complaints),
-- "raw" appends "?tenant=<id>" to the path (POST /bench/raw/complaints, no auth).
-- $COMPLAINT_BODY names the body file in bench/ (default complaint.json; complaint-zh.json is a Chinese one).
-- Each wrk thread starts at its own place in the list, then takes the next pair for every request.
local dir = os.getenv("BENCH_DIR") or "bench"
local f = assert(io.open(dir .. "/" .. (os.getenv("COMPLAINT_BODY") or "complaint.json")))
local body = f:read("*a"):gsub("%s+$", "")
f:close()

local file = os.getenv("SPREAD_TENANTS_FILE")
assert(file, "SPREAD_TENANTS_FILE is not set")
local pairs_ = {}
for line in io.lines(file) do
  local id, key = line:match("^(%S+)%s+(%S+)")
  if id then pairs_[#pairs_ + 1] = { id = id, key = key } end
end
assert(#pairs_ > 0, "no tenants in " .. file)
local mode = os.getenv("SPREAD_MODE") or "api"
assert(mode == "api" or mode == "raw", "SPREAD_MODE must be api or raw")

-- Pre-built per tenant: request() only picks one.
local paths, headers = {}, {}
for i, p in ipairs(pairs_) do
  headers[i] = { ["Content-Type"] = "application/json" }
  if mode == "api" then
    paths[i] = wrk.path
    headers[i]["Authorization"] = "Bearer " .. p.key
  else
    paths[i] = wrk.path .. (wrk.path:find("?", 1, true) and "&" or "?") .. "tenant=" .. p.id
  end
end

local next_index = 1
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  next_index = math.random(#pairs_)
end

-- $PACE_MS paces each connection: it waits that long before each request, so the offered load is about
-- connections * 1000 / PACE_MS requests per second (the latency then is service time, not queueing).
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace and pace > 0 then
  function delay() return pace end
end

function request()
  local i = next_index
  next_index = i % #pairs_ + 1
  return wrk.format("POST", paths[i], headers[i], body)
end
dofile(dir .. "/report.lua")
