#!/usr/bin/env bash
# Measures what a change would do before anyone makes it, and keeps the
# reference points of bench/README.md reproducible. Each variant gets a fresh
# copy of dist/src (the working tree is not touched) and runs the list
# benchmark against it (BENCH_DIST). Run `npm run build` first.
#
#   bench/what-if.sh                      every variant below
#   bench/what-if.sh floor plain          just these
#
# Variants (each on its own, against the build as it is):
#   as-built   the gateway as `npm start` runs it
#   raw-reads  reads on undici's Agent.request instead of ky (the one change
#              measured that saves most; the product's client is ky by decision)
#   floor      bench/reference/floor.gateway.ts: no framework, no GraphQL engine
#              (BENCH_BURN_PRE_MS / BENCH_BURN_POST_MS add busy CPU per read)
#   apollo-floor  bench/reference/apollo-floor.gateway.ts: the floor's raw read
#              under Fastify + Apollo + compiled execution, minimal schema
#   plain      bench/reference/plain.gateway.ts: a plain ky + Apollo build
#   cluster    two gateway processes behind one port (node:cluster)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(as-built raw-reads floor apollo-floor plain cluster)

# Replaces one exact text in a compiled file, or fails naming it.
patch() {
  node -e '
    const fs = require("node:fs");
    const [file, from, to] = process.argv.slice(1);
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes(from)) { console.error(`what-if: ${file} no longer contains: ${from}`); process.exit(2); }
    fs.writeFileSync(file, text.replace(from, to));
  ' "$@"
}

for v in "${variants[@]}"; do
  work=$(mktemp -d)
  cp -r dist/src "$work/src"
  cp package.json "$work/"
  ln -s "$root/node_modules" "$work/node_modules"
  case $v in
    as-built) ;;
    raw-reads)
      patch "$work/src/bitgo/client.js" 'this.#agent = new Agent' 'this.origin = new URL(options.baseUrl).origin; this.#agent = new Agent'
      patch "$work/src/bitgo/client.js" 'return this.#call(operation, requestId, attempts, () => this.#reads.get(' \
        'return this.#agent.request({ origin: this.origin, path: "/" + path + search, method: "GET", headers: headers(options.token, requestId) }).then((r) => r.body.json()); (() => this.#reads.get('
      ;;
    floor | plain | apollo-floor)
      echo "import '$root/dist/bench/reference/$v.gateway.js';" > "$work/src/main.js"
      ;;
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
  echo "== $v"
  BENCH_DIST="$work/src" BENCH_SCENARIOS=list BENCH_LATENCIES="${BENCH_LATENCIES:-50}" BENCH_RESULTS=- \
    BENCH_SECONDS="${BENCH_SECONDS:-4}" node dist/bench/bench.js 2>/dev/null | grep '^| list' | sort -u
  rm -rf "$work"
done
