#!/usr/bin/env bash
# A big layer with a 256 MB heap: import a SIZE_GB tree, save it (oci and docker), load both,
# each `hoist` process run with -Xmx256m under /usr/bin/time (wall time, peak RSS).
# Data: ~32 MiB files of base64 text from /dev/urandom (compresses to ~76%, so gzip does real work).
# Usage: bench/big-layer.sh [SIZE_GB]   (default 10; needs ~4x SIZE_GB free disk in $BENCH_WORK)
set -euo pipefail
cd "$(dirname "$0")/.."
gb=${1:-10}
work=${BENCH_WORK:-/tmp/hoist-bench-big}
rm -rf "$work"; mkdir -p "$work/tree"
files=$(( gb * 1024 / 32 ))
for i in $(seq 1 "$files"); do
  head -c $((24 * 1024 * 1024)) /dev/urandom | base64 -w 76 > "$work/tree/f$i"
done
echo "tree: $(du -sh "$work/tree" | cut -f1) in $files files"
export HOIST_JAVA_OPTS="-Xmx256m -XX:+UseParallelGC"
step() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "$name: %e s wall, %M KB peak RSS" "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
  tail -1 "$work/time.txt"
}
HOIST_HOME=$work/home step "import ${gb}GB (tar+sha256+gzip, 2 threads)" bin/hoist import "$work/tree" big:1
rm -rf "$work/tree"
HOIST_HOME=$work/home step "save --format oci" bin/hoist save big:1 -o "$work/big-oci.tar"
HOIST_HOME=$work/home2 step "load oci archive" bin/hoist load -i "$work/big-oci.tar"
rm -rf "$work/home2" "$work/big-oci.tar"
HOIST_HOME=$work/home step "save --format docker (each layer decompressed once)" bin/hoist save big:1 -o "$work/big-docker.tar" --format docker
HOIST_HOME=$work/home3 step "load docker archive" bin/hoist load -i "$work/big-docker.tar"
ls -la "$work"/home/blobs/sha256 | sort -k5 -n | tail -1
rm -rf "$work"
