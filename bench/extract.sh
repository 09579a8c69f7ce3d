#!/usr/bin/env bash
# Extraction speed: hoist export (LayerExtractor, whiteouts applied) of a rootfs image against
# `umoci unpack` of the same image from the same store. No debootstrap offline, so the rootfs is a
# Debian-like tree copied from this host (/usr/bin, /usr/sbin, /usr/lib/x86_64-linux-gnu,
# /usr/share/doc, /usr/share/man, /usr/lib/python3*, /etc). Wall time of whole processes, best of 3.
# Usage: bench/extract.sh [ROOTFS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-/tmp/hoist-bench-extract}
rootfs=${1:-$work/rootfs}
mkdir -p "$work"
if [ ! -d "$rootfs" ]; then
  mkdir -p "$rootfs/usr/lib" "$rootfs/usr/share"
  cp -a /usr/bin /usr/sbin "$rootfs/usr/"
  cp -a /usr/lib/x86_64-linux-gnu /usr/lib/python3* "$rootfs/usr/lib/"
  cp -a /usr/share/doc /usr/share/man "$rootfs/usr/share/"
  cp -a /etc "$rootfs/"
fi
export HOIST_HOME=$work/home
rm -rf "$HOIST_HOME"
echo "rootfs: $(du -sh "$rootfs" | cut -f1), $(find "$rootfs" | wc -l) paths"
bin/hoist import "$rootfs" bench/rootfs:1 >/dev/null

best() {
  local b=999999
  for _ in 1 2 3; do
    rm -rf "$work/out"
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    b=$(echo "$b $s $e" | awk '{t=$3-$2; print (t<$1)?t:$1}')
  done
  rm -rf "$work/out"
  echo "$b"
}
h=$(best bin/hoist export bench/rootfs:1 -o "$work/out/")
u=$(best umoci unpack --image "$HOIST_HOME:bench/rootfs:1" "$work/out")
echo "hoist export (extract): ${h}s"
echo "umoci unpack:           ${u}s"
echo "ratio hoist/umoci:      $(echo "$h $u" | awk '{printf "%.2fx", $1/$2}')"
