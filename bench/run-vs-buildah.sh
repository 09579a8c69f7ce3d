#!/usr/bin/env bash
# RUN in hoist build vs buildah bud, on the same busybox base (hoist imports a rootfs and saves it
# as an oci-archive; buildah pulls that archive before timing; both builds start from that image).
#   RUN1000:  RUN writing 1,000 files plus a COPY of a small context, cold (empty cache)
#   PARALLEL: two independent stages each `RUN sleep 2`, a final stage copying from both
#             (hoist runs stages in parallel; buildah with --jobs 2)
#   PARALLEL_READY: the same, with hoist's base layer already unpacked into its snapshot before
#             timing (an untimed `RUN true` build), as buildah's pull unpacks the base into its
#             storage before its timing starts: both then start from a base that is ready to run
#   RUN20:    20 x `RUN true` with --no-cache, minus the same Dockerfile without them, per step;
#             compared with `runc run true` on a ready bundle (per-RUN overhead, target <= 30 ms)
# Runs alternate hoist/buildah; prints medians and hoist/buildah ratios.
# buildah uses runc (its crun refuses hybrid-cgroup hosts such as CI); hoist uses its default runtime
# (crun where it can start it, else runc), or HOIST_RUNTIME=runc|crun|bwrap.
# Usage: bench/run-vs-buildah.sh [RUNS]   (default 3; needs bin/hoist built, buildah, runc; run as root)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
hoist="$here/bin/hoist"
work=$(mktemp -d /tmp/hoist-bench.XXXXXX)
trap 'umount "$work/state-buildah/root/overlay" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v buildah >/dev/null || { echo "buildah is not installed" >&2; exit 1; }
[ -f "$here/cli/target/hoist.jar" ] || { echo "build hoist first: mvn -q -DskipTests package" >&2; exit 1; }

# The base: busybox with every applet, root in /etc/passwd.
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root"
chmod 1777 "$rootfs/tmp"
cp /bin/busybox "$rootfs/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
echo 'root:x:0:' > "$rootfs/etc/group"
HOIST_HOME="$work/base-home" "$hoist" import "$rootfs" bench-base:1 --change 'CMD ["sh"]' >/dev/null
HOIST_HOME="$work/base-home" "$hoist" save bench-base:1 -o "$work/base.tar" >/dev/null

ctx="$work/ctx"
mkdir -p "$ctx/app"
for f in $(seq 0 49); do head -c 4096 /dev/urandom > "$ctx/app/f$f.bin"; done
cat > "$work/RUN1000.Dockerfile" <<'DF'
ARG BASE
FROM $BASE
RUN mkdir /data && i=0; while [ $i -lt 1000 ]; do echo $i > /data/f$i; i=$((i+1)); done
COPY app/ /app/
DF
cat > "$work/PARALLEL.Dockerfile" <<'DF'
ARG BASE
FROM $BASE AS a
RUN sleep 2 && echo a > /a
FROM $BASE AS b
RUN sleep 2 && echo b > /b
FROM $BASE
COPY --from=a /a /a
COPY --from=b /b /b
DF
{ echo 'ARG BASE'; echo 'FROM $BASE'; for i in $(seq 20); do echo 'RUN true'; done; echo 'ENV DONE=1'; } > "$work/RUN20.Dockerfile"
printf 'ARG BASE\nFROM $BASE\nENV DONE=1\n' > "$work/RUN0.Dockerfile"
printf 'ARG BASE\nFROM $BASE\nRUN true\n' > "$work/RUN1.Dockerfile"

# hoist runs as shipped (bin/hoist's JVM options and class-data archive); one untimed build records
# the archive of `hoist build` first, as any user's first build would.
HOIST_HOME="$work/cds-home" "$hoist" import "$rootfs" bench-base:1 >/dev/null
HOIST_HOME="$work/cds-home" "$hoist" build -q --build-arg BASE=bench-base:1 -f "$work/RUN1000.Dockerfile" "$ctx" >/dev/null 2>&1
rm -rf "$work/cds-home"
echo "hoist JVM options: ${HOIST_JAVA_OPTS:-as bin/hoist sets them}"

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
hoist_fresh() { rm -rf "$1"; HOIST_HOME=$1 "$hoist" import "$rootfs" bench-base:1 >/dev/null; }
hoist_build() { # df home [extra...]
  local df=$1 home=$2; shift 2
  HOIST_HOME=$home "$hoist" build -q ${HOIST_RUNTIME:+--runtime $HOIST_RUNTIME} --build-arg BASE=bench-base:1 -f "$work/$df.Dockerfile" "$@" "$ctx" >/dev/null
}
bah() { buildah --root "$1/root" --runroot "$1/run" --storage-driver overlay "${@:2}"; }
buildah_fresh() { bah "$1" rm -a >/dev/null 2>&1 || true; bah "$1" rmi -af >/dev/null 2>&1 || true; rm -rf "$1"
  bah "$1" pull -q "oci-archive:$work/base.tar" >/dev/null
  bah "$1" tag "$(bah "$1" images -q | head -1)" localhost/bench-base:1; }
buildah_build() { # df root [extra...]
  local df=$1 root=$2; shift 2
  bah "$root" bud -q --runtime runc --pull-never --build-arg BASE=localhost/bench-base:1 -f "$work/$df.Dockerfile" "$@" "$ctx" >/dev/null
}

declare -A times
record() { times[$1]="${times[$1]:-} $2"; }
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

for run in $(seq "$runs"); do
  for tool in hoist buildah; do
    h="$work/state-$tool"
    for df in RUN1000 PARALLEL PARALLEL_READY RUN20 RUN0; do
      if [ $tool = hoist ]; then
        hoist_fresh "$h"
        if [ $df = PARALLEL_READY ]; then hoist_build RUN1 "$h" --no-cache; fi
        t=$(now); hoist_build ${df%_READY} "$h" --no-cache
      else
        buildah_fresh "$h"; t=$(now); buildah_build ${df%_READY} "$h" --layers --jobs 2
      fi
      record "$df $tool" "$(elapsed "$t")"
    done
  done
done
if [ -d "$work/state-buildah" ]; then bah "$work/state-buildah" rm -a >/dev/null 2>&1 || true; bah "$work/state-buildah" rmi -af >/dev/null 2>&1 || true; fi

# runc run true, 20 times, on a ready bundle (no snapshot, no image).
bundle="$work/bundle"; mkdir -p "$bundle"; (cd "$bundle" && runc spec)
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
t=$(now); for i in $(seq 20); do runc --root "$work/runc-state" run -b "$bundle" "b$i" >/dev/null; done; runc20=$(elapsed "$t")

printf '%-14s %10s %10s %8s\n' dockerfile hoist_s buildah_s ratio
for df in RUN1000 PARALLEL PARALLEL_READY RUN20 RUN0; do
  h=$(median "${times[$df hoist]}"); b=$(median "${times[$df buildah]}")
  printf '%-14s %10s %10s %8.2f\n' "$df" "$h" "$b" "$(echo "$h / $b" | bc -l)"
done
h20=$(median "${times[RUN20 hoist]}"); h0=$(median "${times[RUN0 hoist]}")
b20=$(median "${times[RUN20 buildah]}"); b0=$(median "${times[RUN0 buildah]}")
printf 'per RUN step: hoist %.1f ms, buildah %.1f ms; runc run true %.1f ms; hoist overhead over runc %.1f ms (target <= 30)\n' \
  "$(echo "($h20 - $h0) * 50" | bc -l)" "$(echo "($b20 - $b0) * 50" | bc -l)" "$(echo "$runc20 * 50" | bc -l)" \
  "$(echo "($h20 - $h0 - $runc20) * 50" | bc -l)"
echo "(medians of $runs alternating runs; target: PARALLEL <= 0.9)"
