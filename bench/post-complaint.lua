-- POST a complaint (API or raw endpoint: the URL, and the Authorization header via wrk -H, say which).
-- Every request sends bench/complaint.json; the server gives each its own id and number.
local dir = os.getenv("BENCH_DIR") or "bench"
local f = assert(io.open(dir .. "/complaint.json"))
wrk.method = "POST"
wrk.body = f:read("*a"):gsub("%s+$", "")
f:close()
wrk.headers["Content-Type"] = "application/json"
dofile(dir .. "/report.lua")
