#!/usr/bin/env bash
# Times the wsingress command as whole cold processes, RUNS times each, and prints the medians
# (wall clock and CPU, milliseconds): --help, version, and render of one app (nginx + platform: an
# Ingress and a Service), with and without the class-data sharing archive, doctor of one file and
# convert of it back to a spec (that rendering as manifests); and, when node and npm
# are installed, the same one-shot job in cdk8s (one Ingress + Service synthesized to YAML), in a
# scratch directory outside the repository.
# Usage: scripts/cli-benchmark.sh [RUNS=21]      (WSINGRESS_BENCH_NOBUILD=1 skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
root=$(pwd)
if [ -z "${WSINGRESS_BENCH_NOBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl cli -am package
fi
cli=$root/cli/target/wsingress
work=$(mktemp -d "${TMPDIR:-/tmp}/wsingress-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat >"$work/app.yaml" <<'EOF'
apiVersion: wsingress.dev/v1alpha1
kind: WebSocketApp
metadata: {name: chat}
spec:
  hosts: [chat.example.com]
  service: {name: chat, port: 8080}
  routes: [{path: /ws}]
EOF

# The median wall time of RUNS runs of the command, after one warm-up run (file cache), and the
# median CPU time (user + system, every thread of the process: what a loaded machine changes
# least).
median() {
  "$@" >/dev/null 2>&1 || true
  local times=() cpus=() TIMEFORMAT='%3R %3U %3S' t
  for _ in $(seq 1 "$runs"); do
    t=$({ time "$@" >/dev/null 2>&1 || true; } 2>&1)
    read -r real user sys <<<"$t"
    times+=($(awk -v r="$real" 'BEGIN {printf "%d", r * 1000}'))
    cpus+=($(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000}'))
  done
  local wall cpu
  wall=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%4s ms   (CPU user+sys %s ms)' "$wall" "$cpu"
}

render=(render "$work/app.yaml" --target nginx,platform)
echo "wsingress --help:                        $(median "$cli" --help)"
echo "wsingress version:                       $(median "$cli" version)"
echo "wsingress render (one app):              $(median "$cli" "${render[@]}")"
echo "wsingress render, no sharing archive:    $(median env WSINGRESS_JAVA_OPTS=-Xshare:off "$cli" "${render[@]}")"
echo "wsingress render --target all --lenient: $(median "$cli" render "$root/examples/src/main/resources/chat.yaml" --target all --lenient)"
"$cli" "${render[@]}" >"$work/k8s.yaml" 2>/dev/null
echo "wsingress doctor (one file):             $(median "$cli" doctor "$work/k8s.yaml")"
echo "wsingress convert --to spec (one file):  $(median "$cli" convert "$work/k8s.yaml" --to spec)"
echo "wsingress explain CODE:                  $(median "$cli" explain NGINX-CONNECT-TIMEOUT)"

if command -v node >/dev/null && command -v npm >/dev/null; then
  peer=${WSINGRESS_CDK8S_DIR:-${TMPDIR:-/tmp}/wsingress-cdk8s-peer}
  if [ ! -d "$peer/node_modules/cdk8s" ]; then
    mkdir -p "$peer"
    (cd "$peer" && npm init -y >/dev/null && npm install --no-audit --no-fund -s cdk8s constructs >/dev/null)
  fi
  cat >"$peer/synth.js" <<'EOF'
// The cdk8s peer: one Ingress + Service for one app, synthesized to YAML on standard output.
const { App, Chart, ApiObject, Yaml } = require('cdk8s');
const app = new App();
const chart = new Chart(app, 'chat', { namespace: 'default', disableResourceNameHashes: true });
const labels = { 'app.kubernetes.io/name': 'chat' };
new ApiObject(chart, 'service', {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'chat', labels },
  spec: { selector: labels, ports: [{ name: 'http-ws', port: 8080, targetPort: 8080 }] },
});
new ApiObject(chart, 'ingress', {
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
  metadata: { name: 'chat', labels, annotations: {
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600' } },
  spec: { ingressClassName: 'nginx', rules: [{ host: 'chat.example.com', http: { paths: [{
    path: '/ws', pathType: 'Prefix',
    backend: { service: { name: 'chat', port: { number: 8080 } } } }] } }] },
});
process.stdout.write(Yaml.stringify(...chart.toJson()));
EOF
  echo "cdk8s synth (one Ingress + Service):     $(median node "$peer/synth.js")"
else
  echo "cdk8s synth: skipped (node and npm are not installed)"
fi
echo "runs=$runs java=$(java -version 2>&1 | head -1) cores=$(nproc)"
