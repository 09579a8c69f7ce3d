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
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
require_tools_and_jar "$here/cli/target/hoist.jar" docker-registry skopeo sha256sum python3

work=$(mktemp -d /tmp/hoist-bench.XXXXXX)
cleanup() {
  stop_registries
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

src=$(start_registry src)

# An OCI layout with three gzip layers (50 MB, 8 MB, 1 MB of random bytes), pushed with skopeo.
layout="$work/layout"
make_layout "$layout" 50 8 1
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$layout:v1" "docker://$src/bench:v1"

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
  r=$(ratio "$h" "$s")
  ratios+=("$r")
  printf '%3d  %8d  %9d  %s\n' "$i" "$h" "$s" "$r"
  # the copy must hold the same manifest digest
  hd=$("$hoist" digest "$dh/copy:v1")
  [ "$hd" = "sha256:$mdg" ] || { echo "bench: hoist copy has digest $hd, want sha256:$mdg" >&2; exit 1; }
done
median=$(printf '%s\n' "${ratios[@]}" | median_of_lines)
echo "median ratio hoist/skopeo: $median (target <= 0.8); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
