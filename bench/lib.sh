# Shared pieces of the registry bench scripts, sourced by them. Before starting registries the caller sets $work (its temp
# folder) and calls stop_registries from its EXIT trap.

require_tools_and_jar() { # jar tool...: exits with a message when the jar is not built or a tool is missing
  local jar=$1 tool; shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
  done
  [ -f "$jar" ] || { echo "bench: build first: mvn -q -o -pl cli -am package -DskipTests" >&2; exit 1; }
}

now() { date +%s%N; }

ratio() { python3 -c "print(f'{$1/$2:.3f}')"; } # a b: a/b to 3 places

median_of_lines() { # the median of the numbers on stdin, to 3 places
  python3 -c 'import sys; v=sorted(float(x) for x in sys.stdin); n=len(v); print(f"{(v[n//2] if n%2 else (v[n//2-1]+v[n//2])/2):.3f}")'
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # port: until something listens there (5 s at most)
  for _ in $(seq 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return; fi
    sleep 0.05
  done
}

start_registry() { # name -> echoes host:port; the pid goes to $work/name/pid (a $(...) subshell keeps no variable)
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
  echo $! > "$work/$name/pid"
  wait_port "$port"
  echo "127.0.0.1:$port"
}

stop_registries() {
  for f in "$work"/*/pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  return 0
}

make_layout() { # dir size_mb... : an OCI layout tagged v1 with one gzip layer of random bytes per size; sets $mdg (manifest hex)
  local layout=$1 size d diff_id dg layers_json="" diff_ids="" n=0
  shift
  mkdir -p "$layout/blobs/sha256" "$work/layers"
  for size in "$@"; do
    n=$((n + 1)); d="$work/layers/l$n"; mkdir -p "$d"
    head -c "${size}M" /dev/urandom > "$d/data.bin"
    tar -C "$d" -cf "$d.tar" data.bin
    diff_id=$(sha256sum "$d.tar" | cut -d' ' -f1)
    gzip -1 -c "$d.tar" > "$d.tar.gz"
    dg=$(sha256sum "$d.tar.gz" | cut -d' ' -f1)
    cp "$d.tar.gz" "$layout/blobs/sha256/$dg"
    layers_json="$layers_json${layers_json:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dg\",\"size\":$(stat -c %s "$d.tar.gz")}"
    diff_ids="$diff_ids${diff_ids:+,}\"sha256:$diff_id\""
  done
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]},"config":{}}' "$diff_ids" > "$work/config.json"
  local cdg
  cdg=$(sha256sum "$work/config.json" | cut -d' ' -f1)
  cp "$work/config.json" "$layout/blobs/sha256/$cdg"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
    "$cdg" "$(stat -c %s "$work/config.json")" "$layers_json" > "$work/manifest.json"
  mdg=$(sha256sum "$work/manifest.json" | cut -d' ' -f1)
  cp "$work/manifest.json" "$layout/blobs/sha256/$mdg"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
    "$mdg" "$(stat -c %s "$work/manifest.json")" > "$layout/index.json"
}
