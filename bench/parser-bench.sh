#!/usr/bin/env bash
# Runs the dockerfile-parser JMH benchmarks (src/jmh in that module) and prints JMH's report.
# Usage: bench/parser-bench.sh [JMH args...]   e.g. bench/parser-bench.sh -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -Pbench -pl dockerfile-parser -am package -DskipTests
mvn -q -Pbench -pl dockerfile-parser dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile=target/bench.classpath
cp="dockerfile-parser/target/classes:$(cat dockerfile-parser/target/bench.classpath)"
mkdir -p bench/out
exec java -cp "$cp" org.openjdk.jmh.Main dev.hoist.dockerfile.bench "$@" -rf json -rff bench/out/parser-bench.json
