-- Shared by the wrk scripts (loaded with dofile): each wrk thread gets its own number as the global `seed`, and
-- seeds its random numbers from it and the time, so no two threads draw the same ranges or ids.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
init = function(args)
  math.randomseed(seed * 7919 + os.time())
end
