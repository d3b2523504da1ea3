-- POST /api/v1/api-keys with a JSON body. The Authorization header comes from wrk -H.
wrk.method = "POST"
wrk.body = '{"name":"bench","scopes":["complaints:read"]}'
wrk.headers["Content-Type"] = "application/json"
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
