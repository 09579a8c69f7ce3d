#!/usr/bin/env bash
# Layer writing throughput: tar + sha256 + gzip of one tree, hoist on 1 and 2 threads against
# `tar | gzip -6 | sha256sum` and `tar | pigz -p2 | sha256sum`. Best of 3 wall-clock runs each.
# Usage: bench/layer-write.sh [TREE]   (default: the JDK directory)
# Needs: mvn -q -o -pl cli -am package -DskipTests (for cli/target/hoist.jar) and layer-cache test classes.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(readlink -f "${1:-/usr/lib/jvm/java-17-openjdk-amd64}")
cp="cli/target/hoist.jar:layer-cache/target/test-classes"
[ -f cli/target/hoist.jar ] || { echo "build first: mvn -q -o -pl cli -am package -DskipTests" >&2; exit 1; }

best() { # best wall time of 3 runs of "$@", in seconds
  local b=999999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    b=$(echo "$b $s $e" | awk '{t=$3-$2; print (t<$1)?t:$1}')
  done
  echo "$b"
}

echo "tree: $tree ($(du -sh "$tree" | cut -f1), $(find "$tree" | wc -l) paths), $(nproc) cores"
cat "$(find "$tree" -type f | head -1)" >/dev/null  # warm the page cache
tar -C "$tree" -cf - . | cat >/dev/null
gz=$(best sh -c "tar -C '$tree' -cf - . | gzip -6 | sha256sum")
pz=$(best sh -c "tar -C '$tree' -cf - . | pigz -6 -p2 | sha256sum")
echo "tar | gzip -6 | sha256sum:       ${gz}s"
echo "tar | pigz -p2 | sha256sum:      ${pz}s"
for t in 1 2; do
  line=$(java -Xmx256m -cp "$cp" dev.hoist.cache.layer.LayerWriteBench "$tree" "$t" 3)
  s=$(echo "$line" | sed -E 's/.*best=([0-9.]+)s.*/\1/')
  echo "hoist layer, $t thread(s):        ${s}s  ($line)"
  echo "  speed-up vs gzip -6: $(echo "$gz $s" | awk '{printf "%.2fx", $1/$2}')"
done
