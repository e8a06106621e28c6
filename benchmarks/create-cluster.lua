-- Creates clusters with unique names in the seeded region eu-west-1. Each wrk thread gets its own
-- thread_id through setup(), so names never collide across threads.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local name = string.format("bench-%d-%d", thread_id, counter)
  local body = string.format(
    '{"name":"%s","region":"eu-west-1","capacity":{"cpuMillis":64000,"memoryBytes":274877906944}}', name)
  -- A headers table passed to wrk.format replaces the -H headers, so copy them in.
  local headers = {}
  for key, value in pairs(wrk.headers) do
    headers[key] = value
  end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", nil, headers, body)
end
