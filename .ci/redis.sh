# Sourced by .ci/run (bash): a Redis for the rate-limit tests, exported as TEST_REDIS_URL.
#
#   source .ci/redis.sh
#   redis_start            # TEST_REDIS_URL set; uses one already given or reachable, else starts its own
#   trap redis_stop EXIT   # stops only a redis-server this script started
#
# Installs Debian's redis-server with apt-get when it is missing (CI runs as root). The server it starts
# listens on loopback only, on a free port, with a temporary directory and no persistence.

REDIS_CI_PID=""
REDIS_CI_DIR=""

redis_ci_ping() {
  # $1: port. redis-cli comes with redis-server; bash's /dev/tcp is the fallback when it does not.
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

redis_ci_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

redis_start() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then
    echo "redis: using TEST_REDIS_URL as given"
    return 0
  fi
  if redis_ci_ping 6379; then
    export TEST_REDIS_URL="redis://127.0.0.1:6379"
    echo "redis: using the one already on 127.0.0.1:6379 (not ours: left running)"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "redis: redis-server is missing; install Debian's redis-server (apt-get install redis-server) or set TEST_REDIS_URL" >&2
      return 1
    fi
    echo "redis: installing Debian's redis-server"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
  local port
  port="$(redis_ci_free_port)"
  REDIS_CI_DIR="$(mktemp -d)"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_CI_DIR" --daemonize no >"$REDIS_CI_DIR/redis.log" 2>&1 &
  REDIS_CI_PID=$!
  for _ in $(seq 1 100); do
    if redis_ci_ping "$port"; then
      export TEST_REDIS_URL="redis://127.0.0.1:$port"
      echo "redis: started redis-server pid $REDIS_CI_PID on 127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$REDIS_CI_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "redis: redis-server did not start; its log:" >&2
  cat "$REDIS_CI_DIR/redis.log" >&2 || true
  redis_stop
  return 1
}

redis_stop() {
  if [ -n "$REDIS_CI_PID" ]; then
    if kill "$REDIS_CI_PID" 2>/dev/null; then
      wait "$REDIS_CI_PID" 2>/dev/null || true
      echo "redis: stopped redis-server pid $REDIS_CI_PID"
    fi
    REDIS_CI_PID=""
  fi
  if [ -n "$REDIS_CI_DIR" ]; then
    rm -rf "$REDIS_CI_DIR"
    REDIS_CI_DIR=""
  fi
}
