-- wrk script for Benchmarks/crud.sh: the CRUD API's task routes behind a JWT.
--   wrk -s crud.lua URL -- get TOKEN USER   GET  /users/USER/tasks (the first page, 20 tasks)
--   wrk -s crud.lua URL -- post TOKEN USER  POST /users/USER/tasks with a new task each time
-- No `response` callback: wrk then skips handing every response to Lua, so the load generator takes
-- less of the CPU it shares with the servers. wrk still counts non-2xx answers, which crud.sh reports.
local mode, token, user = "get", "", "bench"
local counter = 0
local get_request

function init(args)
  mode, token, user = args[1] or mode, args[2] or token, args[3] or user
  counter = math.random(0, 1000000)
  get_request = wrk.format("GET", "/users/" .. user .. "/tasks", { ["Authorization"] = "Bearer " .. token })
end

function request()
  if mode == "post" then
    counter = counter + 1
    local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    local body = string.format(
      '{"title":"Benchmark task %d","description":"created by wrk","priority":"high","dueDate":"2026-05-01","tags":["bench","wrk"],"metadata":{"n":%d}}',
      counter, counter)
    return wrk.format("POST", "/users/" .. user .. "/tasks", headers, body)
  end
  return get_request
end
