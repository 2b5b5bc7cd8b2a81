-- wrk script: every request asks for the same page with a query string no page reads (?x=<random>&utm_source=…),
-- as crawlers, ad trackers and cache-busting clients do. Reports like latency.lua (one JSON line).
local counter = 0
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

init = function(args)
  math.randomseed(os.time() * 100 + id)  -- each thread its own sequence
end

request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  local path = wrk.path .. separator .. "x=" .. math.random(1, 2147483647) .. "&utm_source=t" .. id .. "-" .. counter
  return wrk.format(nil, path)
end

-- The reporter: latency.lua's `done`, from the folder this script is in (wrk runs it from anywhere).
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "latency.lua")
