#!/usr/bin/env bash
# Per-RUN overhead of hoist's run path against runc alone.
# hoist: N x (overlay snapshot + config.json + `unshare --mount` + mount overlay + runtime run true + diff + cleanup),
# with runc and with crun (crun sees no cgroup v2 controllers on hybrid hosts), then the copy fallback,
# in one JVM after a warm-up. Baseline: N x `runc run` of `true` on a plain rootfs dir with a
# ready-made bundle. Run as root (or as a user with subuid ranges for the rootless figure).
# Reports min and median per run: on a loaded machine the minimum is the comparable figure.
# Usage: bench/run-overhead.sh [N]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
out=bench/out
mkdir -p "$out"
mvn -q -o -pl runtime -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="runtime/target/test-classes:runtime/target/classes:$(cat "$out/cp.txt")"

work=$(mktemp -d /tmp/hoist-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp"
cp /bin/busybox "$rootfs/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
echo 'root:x:0:' > "$rootfs/etc/group"

# Baseline: runc run true, N times, same rootfs, no snapshot.
bundle="$work/bundle"
mkdir -p "$bundle"
(cd "$bundle" && runc spec)
python3 - "$bundle/config.json" "$rootfs" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["true"]
c["root"] = {"path": sys.argv[2], "readonly": True}
c["linux"].pop("resources", None)
c["mounts"] = [m for m in c["mounts"] if m["type"] != "cgroup"]
json.dump(c, open(sys.argv[1], "w"))
PY
for i in $(seq 5); do runc --root "$work/state" run -b "$bundle" "warm$i" >/dev/null; done
times=()
for i in $(seq "$n"); do
  s=$(date +%s%N)
  runc --root "$work/state" run -b "$bundle" "b$i" >/dev/null
  e=$(date +%s%N)
  times+=($(( (e - s) / 1000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$n" '{a[NR]=$1} END {printf "runc run true: min %.1f ms, median %.1f ms per run (%d runs)\n", a[1]/1000, a[int(NR/2)+1]/1000, n}'

# hoist, each step paired with a plain runc run from the same JVM (same load for both).
for rt in runc crun; do
  java -cp "$cp" dev.hoist.runtime.bench.RunOverhead "$rootfs" "$work/hoist-$rt" "$rt" OVERLAY "$n" "$bundle"
done
java -cp "$cp" dev.hoist.runtime.bench.RunOverhead "$rootfs" "$work/hoist-copy" runc COPY "$n" "$bundle"
