-- wrk script for Benchmarks/crud.sh: the CRUD API's task routes behind a JWT.
--   wrk -s crud.lua URL -- get TOKEN USER   GET  /users/USER/tasks (the first page, 20 tasks)
--   wrk -s crud.lua URL -- post TOKEN USER  POST /users/USER/tasks with a new task each time
local mode, token, user = "get", "", "bench"
local counter = 0

function init(args)
  mode, token, user = args[1] or mode, args[2] or token, args[3] or user
  counter = math.random(0, 1000000)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if mode == "post" then
    counter = counter + 1
    headers["Content-Type"] = "application/json"
    local body = string.format(
      '{"title":"Benchmark task %d","description":"created by wrk","priority":"high","dueDate":"2026-05-01","tags":["bench","wrk"],"metadata":{"n":%d}}',
      counter, counter)
    return wrk.format("POST", "/users/" .. user .. "/tasks", headers, body)
  end
  return wrk.format("GET", "/users/" .. user .. "/tasks", headers)
end

local errors = 0
function response(status, headers, body)
  if status ~= 200 and status ~= 201 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end
