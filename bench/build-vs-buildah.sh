#!/usr/bin/env bash
# hoist build vs buildah bud --layers on the same FROM-scratch Dockerfiles.
#   COPY:      a 50 MB context (2,000 files of 5 KiB + one 40 MB file) copied in one step
#   TWOSTAGE:  two independent stages (the small files; the big file), the final stage copying from both
# Scenarios per Dockerfile: cold (empty store), warm (nothing changed), one file changed, push to a local
# registry (a fresh repository each time). Runs alternate hoist/buildah; prints medians and hoist/buildah ratios.
# Usage: [DOCKERFILES="COPY TWOSTAGE"] bench/build-vs-buildah.sh [RUNS]   (needs: bin/hoist built, buildah, docker-registry; run as root)
# hoist runs through bin/hoist as shipped (HOIST_JAR and HOIST_JAVA_OPTS are passed on to it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
dockerfiles=${DOCKERFILES:-COPY TWOSTAGE}
hoist="$here/bin/hoist"
work=$(mktemp -d /tmp/hoist-bench.XXXXXX)
port=$((20000 + RANDOM % 20000))
trap 'kill "$registry_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v buildah >/dev/null || { echo "buildah is not installed" >&2; exit 1; }
[ -f "$here/cli/target/hoist.jar" ] || { echo "build hoist first: mvn -q -DskipTests package" >&2; exit 1; }

# A local registry.
mkdir -p "$work/registry"
cat > "$work/registry/config.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

# The context: 2,000 files of 5 KiB (10 MB) and one 40 MB file, incompressible.
ctx="$work/ctx"
mkdir -p "$ctx/files"
for d in $(seq 0 19); do
  mkdir -p "$ctx/files/d$d"
  for f in $(seq 0 99); do head -c 5120 /dev/urandom >"$ctx/files/d$d/f$f.bin"; done
done
head -c 40000000 /dev/urandom >"$ctx/big.bin"
cat >"$work/COPY.Dockerfile" <<'DF'
FROM scratch
COPY files/ /data/files/
COPY big.bin /data/
DF
cat >"$work/TWOSTAGE.Dockerfile" <<'DF'
FROM scratch AS small
COPY files/ /out/files/
FROM scratch AS large
COPY big.bin /out/
FROM scratch
COPY --from=small /out/ /app/
COPY --from=large /out/ /app/
DF

# hoist runs through bin/hoist as shipped (its JVM options, or HOIST_JAVA_OPTS if set). One untimed
# build first lets the launcher record its class-data-sharing archive for `build`, as any first run does.
HOIST_HOME="$work/cds-home" "$hoist" build -q -f "$work/TWOSTAGE.Dockerfile" "$ctx" >/dev/null
rm -rf "$work/cds-home"
echo "hoist JVM options: ${HOIST_JAVA_OPTS:-bin/hoist defaults}"

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }

hoist_build() { # df home [extra...]
  local df=$1 home=$2; shift 2
  HOIST_HOME=$home "$hoist" build -q -f "$work/$df.Dockerfile" "$@" "$ctx" >/dev/null
}
buildah_build() { # df root [tag]
  local df=$1 root=$2 tag=${3:-bench:latest}
  buildah --root "$root/root" --runroot "$root/run" --storage-driver overlay bud --layers -q \
    -f "$work/$df.Dockerfile" -t "$tag" "$ctx" >/dev/null
}
buildah_push() { # root tag dest
  buildah --root "$1/root" --runroot "$1/run" --storage-driver overlay push -q --tls-verify=false "$2" "docker://$3" >/dev/null
}
reset_buildah() { buildah --root "$1/root" --runroot "$1/run" --storage-driver overlay rm -a >/dev/null 2>&1 || true
  rm -rf "$1"; }

declare -A times
record() { times[$1]="${times[$1]:-} $2"; }
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
all() { tr ' ' '\n' <<<"$1" | grep -v '^$' | xargs printf '%.2f '; }

changed=$ctx/files/d7/f42.bin
for df in $dockerfiles; do
  for run in $(seq "$runs"); do
    for tool in hoist buildah; do
      h="$work/state-$tool"
      if [ $tool = hoist ]; then rm -rf "$h"; else reset_buildah "$h"; fi
      head -c 5120 /dev/urandom >"$changed"
      # cold
      t=$(now); if [ $tool = hoist ]; then hoist_build $df "$h"; else buildah_build $df "$h"; fi
      record "$df cold $tool" "$(elapsed "$t")"
      # warm, nothing changed
      t=$(now); if [ $tool = hoist ]; then hoist_build $df "$h"; else buildah_build $df "$h"; fi
      record "$df warm $tool" "$(elapsed "$t")"
      # one file changed
      head -c 5120 /dev/urandom >"$changed"
      t=$(now); if [ $tool = hoist ]; then hoist_build $df "$h"; else buildah_build $df "$h"; fi
      record "$df one-file $tool" "$(elapsed "$t")"
      # push (cache warm, fresh repository)
      dest="127.0.0.1:$port/bench/${tool}-${df,,}-${run}:1"
      t=$(now)
      if [ $tool = hoist ]; then hoist_build $df "$h" -t "$dest" --push
      else buildah_build $df "$h" "$dest"; buildah_push "$h" "$dest" "$dest"; fi
      record "$df push $tool" "$(elapsed "$t")"
    done
  done
done

printf '%-10s %-9s %10s %10s %8s   %s\n' dockerfile scenario hoist_s buildah_s ratio "runs (hoist | buildah)"
for df in $dockerfiles; do
  for sc in cold warm one-file push; do
    h=$(median "${times[$df $sc hoist]}"); b=$(median "${times[$df $sc buildah]}")
    printf '%-10s %-9s %10s %10s %8.2f   %s| %s\n' "$df" "$sc" "$h" "$b" "$(echo "$h / $b" | bc -l)" \
      "$(all "${times[$df $sc hoist]}")" "$(all "${times[$df $sc buildah]}")"
  done
done
echo "(medians of $runs alternating runs; targets: warm <= 0.3, one-file <= 0.5, push <= 0.7)"
