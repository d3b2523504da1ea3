-- GET one complaint per request, picked at random from the ids in $COMPLAINT_IDS (one a line).
-- The path is $PATH_PREFIX .. id .. $PATH_SUFFIX (e.g. /api/v1/complaints/ and "", or
-- /bench/raw/complaints/ and ?tenant=<uuid>); the host comes from wrk's URL argument.
local ids = {}
for line in io.lines(os.getenv("COMPLAINT_IDS")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local prefix = os.getenv("PATH_PREFIX") or "/api/v1/complaints/"
local suffix = os.getenv("PATH_SUFFIX") or ""

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)] .. suffix)
end
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
