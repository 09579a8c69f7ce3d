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
for tool in docker-registry skopeo sha256sum python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -f "$new_jar" ] || { echo "bench: build first: mvn -q -o -pl cli -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d /tmp/hoist-bench-pull.XXXXXX)
pid=""
relay=""
cleanup() {
  [ -n "$relay" ] && kill "$relay" 2>/dev/null || true
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$work/storage"
cat > "$work/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
  secret: bench
YML
docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then break; fi
  sleep 0.05
done
reg="127.0.0.1:$port"

# An OCI layout with six gzip layers of 10 MB random bytes each, pushed with skopeo.
layout="$work/layout"
mkdir -p "$layout/blobs/sha256" "$work/layers"
layers_json=""
diff_ids=""
for n in 1 2 3 4 5 6; do
  d="$work/layers/l$n"; mkdir -p "$d"
  head -c 10M /dev/urandom > "$d/data.bin"
  tar -C "$d" -cf "$d.tar" data.bin
  diff_id=$(sha256sum "$d.tar" | cut -d' ' -f1)
  gzip -1 -c "$d.tar" > "$d.tar.gz"
  dg=$(sha256sum "$d.tar.gz" | cut -d' ' -f1)
  cp "$d.tar.gz" "$layout/blobs/sha256/$dg"
  layers_json="$layers_json${layers_json:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dg\",\"size\":$(stat -c %s "$d.tar.gz")}"
  diff_ids="$diff_ids${diff_ids:+,}\"sha256:$diff_id\""
done
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]},"config":{}}' "$diff_ids" > "$work/config.json"
cdg=$(sha256sum "$work/config.json" | cut -d' ' -f1)
cp "$work/config.json" "$layout/blobs/sha256/$cdg"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
  "$cdg" "$(stat -c %s "$work/config.json")" "$layers_json" > "$work/manifest.json"
mdg=$(sha256sum "$work/manifest.json" | cut -d' ' -f1)
cp "$work/manifest.json" "$layout/blobs/sha256/$mdg"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
  "$mdg" "$(stat -c %s "$work/manifest.json")" > "$layout/index.json"
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$layout:v1" "docker://$reg/bench:v1"

if [ "$rate" != 0 ]; then
  # per-connection rate limit: forward 64 KiB, then wait as long as that many bytes take at RATE
  rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
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
  for _ in $(seq 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$rport") 2>/dev/null; then break; fi
    sleep 0.05
  done
  reg="127.0.0.1:$rport"
fi

now() { date +%s%N; }
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
  r=$(python3 -c "print(f'{$o/$n:.3f}')")
  ratios+=("$r")
  printf '%3d  %6d  %6d  %s\n' "$i" "$o" "$n" "$r"
done
median=$(printf '%s\n' "${ratios[@]}" | python3 -c 'import sys; v=sorted(float(x) for x in sys.stdin); n=len(v); print(f"{(v[n//2] if n%2 else (v[n//2-1]+v[n//2])/2):.3f}")')
echo "median ratio old/new: $median (RATE=$rate MB/s per connection, 0 = none); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
