#!/usr/bin/env bash
# Times the whole process (cold JVM) of rendering N apps with wsingress (nginx + platform) and
# of the hand-written fabric8 + Jackson floor, RUNS times each, and prints the medians.
# Usage: scripts/benchmark.sh [N=1000] [RUNS=11]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-11}
./mvnw -B -q -ntp -DskipTests -pl examples -am install
./mvnw -B -q -ntp -pl examples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="$(cat examples/target/classpath.txt):examples/target/classes"

median() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    java -cp "$cp" "$@" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

ours=$(median dev.wsingress.examples.RenderBenchmark "$n")
floor=$(median dev.wsingress.examples.FloorBenchmark "$n")
echo "apps=$n runs=$runs wsingress=${ours}ms floor=${floor}ms ratio=$(awk "BEGIN {printf \"%.2f\", $ours/$floor}")"
