#!/usr/bin/env bash
# Benchmark: `hoist pull` of a multi-layer image (six 10 MB random gzip layers) from a local
# docker-registry into an empty store, an older hoist jar against the current one, alternating runs
# (the machine is shared: only figures of one run compare). Prints each run and the median ratio
# old/new (above 1: the current jar is faster). Made for parallel blob transfers: the old jar pulled
# one layer at a time, the new one parallelTransfers (4) at a time.
#
# RATE=N (MB/s, default 16) puts a TCP relay in front of the registry that lets each connection
# move at most N MB/s, as a remote registry does (one TCP stream is bounded by window / RTT), which
# is where parallel transfers pay; RATE=0 pulls straight from loopback, where the pull is bound by
# CPU (hashing, the registry itself) and parallelism cannot gain on a loaded 2-core machine.
#
# Usage: [RATE=N] bench/pull.sh OLD_JAR [RUNS]   (default 7). Needs: docker-registry, skopeo, a built
# cli/target/hoist.jar (mvn -q -o -pl cli -am package -DskipTests). An old jar: build an earlier
# commit and copy its cli/target/hoist.jar aside.
set -euo pipefail
old_jar=$(realpath "${1:?usage: bench/pull.sh OLD_JAR [RUNS]}")
runs="${2:-7}"
rate="${RATE:-16}"
here=$(cd "$(dirname "$0")/.." && pwd)
new_jar="$here/cli/target/hoist.jar"
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
require_tools_and_jar "$new_jar" docker-registry skopeo sha256sum python3

work=$(mktemp -d /tmp/hoist-bench-pull.XXXXXX)
relay=""
cleanup() {
  [ -n "$relay" ] && kill "$relay" 2>/dev/null || true
  stop_registries
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

reg=$(start_registry registry)
port=${reg##*:}

# An OCI layout with six gzip layers of 10 MB random bytes each, pushed with skopeo.
layout="$work/layout"
make_layout "$layout" 10 10 10 10 10 10
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$layout:v1" "docker://$reg/bench:v1"

if [ "$rate" != 0 ]; then
  # per-connection rate limit: forward 64 KiB, then wait as long as that many bytes take at RATE
  rport=$(free_port)
  python3 - "$rport" "$port" "$rate" <<'PY' &
import asyncio, sys
listen, target, rate = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) * 1024 * 1024
async def pump(r, w, limited):
    try:
        while data := await r.read(65536):
            w.write(data)
            await w.drain()
            if limited:
                await asyncio.sleep(len(data) / rate)
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        w.close()
async def serve(cr, cw):
    tr, tw = await asyncio.open_connection("127.0.0.1", target)
    await asyncio.gather(pump(cr, tw, False), pump(tr, cw, True))
async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()
asyncio.run(main())
PY
  relay=$!
  wait_port "$rport"
  reg="127.0.0.1:$rport"
fi

pull() { # jar store-dir -> milliseconds
  local t0 t1
  t0=$(now)
  HOIST_JAR="$1" HOIST_HOME="$2" "$here/bin/hoist" pull "$reg/bench:v1" >/dev/null
  t1=$(now)
  grep -q "$mdg" "$2/index.json" || { echo "bench: $1 pulled no manifest sha256:$mdg" >&2; exit 1; }
  echo $(( (t1 - t0) / 1000000 ))
}
# one pull each first, so both jars have their class-data archive before timing
pull "$old_jar" "$work/warm-old" >/dev/null
pull "$new_jar" "$work/warm-new" >/dev/null
ratios=()
echo "run  old_ms  new_ms  ratio(old/new)"
for i in $(seq "$runs"); do
  if (( i % 2 )); then
    o=$(pull "$old_jar" "$work/old-$i"); n=$(pull "$new_jar" "$work/new-$i")
  else
    n=$(pull "$new_jar" "$work/new-$i"); o=$(pull "$old_jar" "$work/old-$i")
  fi
  rm -rf "$work/old-$i" "$work/new-$i"
  r=$(ratio "$o" "$n")
  ratios+=("$r")
  printf '%3d  %6d  %6d  %s\n' "$i" "$o" "$n" "$r"
done
median=$(printf '%s\n' "${ratios[@]}" | median_of_lines)
echo "median ratio old/new: $median (RATE=$rate MB/s per connection, 0 = none); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
