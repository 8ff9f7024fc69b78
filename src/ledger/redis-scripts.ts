// Lua runs atomically in Redis: each script is one step that no other client can interleave with.

/** KEYS: urls hash, order zset. ARGV: id, image URL, bound. Orders by the server's clock, so
 *  replicas whose clocks disagree still prune the truly oldest entries. */
export const RECORD = `
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if excess > 0 then
  for _, old in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do
    redis.call('HDEL', KEYS[1], old)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
return excess
`;

/** KEYS: urls hash, order zset. ARGV: id. */
export const FORGET = `
redis.call('HDEL', KEYS[1], ARGV[1])
return redis.call('ZREM', KEYS[2], ARGV[1])
`;

/** KEYS: lock. ARGV: token, ttl ms. Extends the lock only while it is still ours. */
export const REFRESH_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** KEYS: lock. ARGV: token. Deletes the lock only while it is still ours: after it expired and
 *  another holder took it, a plain DEL would free that holder's lock. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
