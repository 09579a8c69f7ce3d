#!/usr/bin/env bash
# Benchmark: registry -> registry copy of a multi-layer image (one 50 MB random layer), hoist cp vs
# skopeo copy, alternating, between two docker-registry processes on loopback. Prints each run and
# the median ratio hoist/skopeo (lower is better; target <= 0.8). JVM startup counts against hoist.
# Load average is printed too: on a shared machine the figures are only comparable within one run.
#
# Usage: bench/registry-cp.sh [RUNS]   (default 7). Needs: docker-registry, skopeo, a built
# cli/target/hoist.jar (mvn -q -o -pl cli -am package -DskipTests).
set -euo pipefail
runs="${1:-7}"
here=$(cd "$(dirname "$0")/.." && pwd)
hoist="$here/bin/hoist"
for tool in docker-registry skopeo sha256sum python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -f "$here/cli/target/hoist.jar" ] || { echo "bench: build first: mvn -q -o -pl cli -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d /tmp/hoist-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_registry() { # name -> echoes host:port
  local name=$1 port
  port=$(free_port)
  mkdir -p "$work/$name/storage"
  cat > "$work/$name/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/$name/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: bench
YML
  docker-registry serve "$work/$name/config.yml" >"$work/$name/log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then break; fi
    sleep 0.05
  done
  echo "127.0.0.1:$port"
}

src=$(start_registry src)

# An OCI layout with three gzip layers (50 MB, 8 MB, 1 MB of random bytes), pushed with skopeo.
layout="$work/layout"
mkdir -p "$layout/blobs/sha256" "$work/layers"
layers_json=""
diff_ids=""
for size in 50 8 1; do
  d="$work/layers/l$size"; mkdir -p "$d"
  head -c "${size}M" /dev/urandom > "$d/data.bin"
  tar -C "$d" -cf "$d.tar" data.bin
  diff_id=$(sha256sum "$d.tar" | cut -d' ' -f1)
  gzip -1 -c "$d.tar" > "$d.tar.gz"
  dg=$(sha256sum "$d.tar.gz" | cut -d' ' -f1)
  sz=$(stat -c %s "$d.tar.gz")
  cp "$d.tar.gz" "$layout/blobs/sha256/$dg"
  layers_json="$layers_json${layers_json:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dg\",\"size\":$sz}"
  diff_ids="$diff_ids${diff_ids:+,}\"sha256:$diff_id\""
done
config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diff_ids]},\"config\":{}}"
printf '%s' "$config" > "$work/config.json"
cdg=$(sha256sum "$work/config.json" | cut -d' ' -f1)
cp "$work/config.json" "$layout/blobs/sha256/$cdg"
manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cdg\",\"size\":$(stat -c %s "$work/config.json")},\"layers\":[$layers_json]}"
printf '%s' "$manifest" > "$work/manifest.json"
mdg=$(sha256sum "$work/manifest.json" | cut -d' ' -f1)
cp "$work/manifest.json" "$layout/blobs/sha256/$mdg"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
  "$mdg" "$(stat -c %s "$work/manifest.json")" > "$layout/index.json"
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$layout:v1" "docker://$src/bench:v1"

now() { date +%s%N; }
ratios=()
# Every copy goes to a fresh destination registry: skopeo keeps a blob-location cache and would
# otherwise mount blobs from an earlier run's repository instead of copying them.
echo "run  hoist_ms  skopeo_ms  ratio"
for i in $(seq "$runs"); do
  dh=$(start_registry "dst-hoist-$i")
  ds=$(start_registry "dst-skopeo-$i")
  t0=$(now)
  "$hoist" cp "$src/bench:v1" "$dh/copy:v1" >/dev/null
  t1=$(now)
  skopeo --insecure-policy copy -q --src-tls-verify=false --dest-tls-verify=false \
    "docker://$src/bench:v1" "docker://$ds/copy:v1" >/dev/null
  t2=$(now)
  h=$(( (t1 - t0) / 1000000 )); s=$(( (t2 - t1) / 1000000 ))
  r=$(python3 -c "print(f'{$h/$s:.3f}')")
  ratios+=("$r")
  printf '%3d  %8d  %9d  %s\n' "$i" "$h" "$s" "$r"
  # the copy must hold the same manifest digest
  hd=$("$hoist" digest "$dh/copy:v1")
  [ "$hd" = "sha256:$mdg" ] || { echo "bench: hoist copy has digest $hd, want sha256:$mdg" >&2; exit 1; }
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | python3 -c 'import sys; v=[float(x) for x in sys.stdin]; v.sort(); n=len(v); print(f"{(v[n//2] if n%2 else (v[n//2-1]+v[n//2])/2):.3f}")')
echo "median ratio hoist/skopeo: $median (target <= 0.8); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
