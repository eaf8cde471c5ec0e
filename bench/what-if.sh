#!/usr/bin/env bash
# Measures changes proposed for files outside bench/ before anyone makes them:
# copies dist/src to a temporary directory, applies the change to the compiled
# JavaScript there, and runs the list benchmark against that copy (BENCH_DIST).
# The working tree is not touched. Run `npm run build` first.
#
#   bench/what-if.sh                  every variant below, list scenario only
#   bench/what-if.sh gc               just these
#
# Variants (cumulative in the order given):
#   gc       gateway started with --max-semi-space-size=64 (e.g. NODE_OPTIONS in the deployment)
#   cluster  two gateway processes behind one port (node:cluster)
# (The cache-control plugin, type-graphql's plain-field wrappers and the DateTime
# round trip, measured here first, are already gone from src/: commit d0d00c1.)
set -euo pipefail
cd "$(dirname "$0")/.."
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(gc cluster)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r dist/src "$work/src"
cp package.json "$work/"
ln -s "$PWD/node_modules" "$work/node_modules"
node_args=""
applied=""

run() {
  echo "== ${applied:-as built}${node_args:+ ($node_args)}"
  BENCH_DIST="$work/src" BENCH_GATEWAY_NODE_ARGS="$node_args" BENCH_SCENARIOS=list BENCH_RESULTS=- \
    BENCH_SECONDS="${BENCH_SECONDS:-4}" node dist/bench/bench.js 2>/dev/null | grep '^| list'
}

run
for v in "${variants[@]}"; do
  case $v in
    gc) node_args="--max-semi-space-size=64" ;;
    cluster)
      mv "$work/src/main.js" "$work/src/main-worker.js"
      cat > "$work/src/main.js" <<'JS'
import cluster from 'node:cluster';
if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers)) worker.kill('SIGTERM');
    setTimeout(() => process.exit(0), 500);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await import('./main-worker.js');
}
JS
      ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
  applied="${applied:+$applied + }$v"
  run
done
