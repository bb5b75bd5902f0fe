#!/usr/bin/env bash
# A real Kubernetes API server on loopback, offline, for server-side dry-run tests.
#
#   scripts/kube-apiserver.sh build   install Debian packages, build kube-apiserver 1.20.2 from
#                                     Debian's source package once (cached in $CACHE)
#   scripts/kube-apiserver.sh start   start etcd + kube-apiserver on free loopback ports, wait
#                                     until ready, print the env file path (KUBE_URL, KUBE_TOKEN)
#   scripts/kube-apiserver.sh stop    stop both (by pid); safe to run twice
#
# Recipe and the one patch it needs: ../shared/research/real-apiserver.md (the vendored
# modern-go/reflect2 v1.0.1 crashes under Go >= 1.18; Debian's 1.0.2 source replaces it).
set -euo pipefail

CACHE=${WSINGRESS_APISERVER_CACHE:-$HOME/.cache/wsingress/kube-apiserver}
RUN=${WSINGRESS_APISERVER_RUN:-/tmp/wsingress-apiserver}
BIN="$CACHE/kube-apiserver-1.20.2"

log() { echo "kube-apiserver.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

need_root() {
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    die "installing Debian packages needs root (or sudo)"
  fi
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root
  local SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  if [ -x "$BIN" ]; then
    log "cached: $BIN"
    return 0
  fi
  apt_install etcd-server openssl curl ca-certificates
  # deb-src for the mirror the machine already uses
  if ! grep -rqs "deb-src" /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
    need_root
    local SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
        | $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    else
      grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
        | $SUDO tee /etc/apt/sources.list.d/debian-src.list >/dev/null
    fi
    $SUDO apt-get update -qq >/dev/null
  fi
  apt_install golang-go dpkg-dev rsync jq golang-github-modern-go-reflect2-dev
  local work; work=$(mktemp -d)
  log "building kube-apiserver 1.20.2 from Debian's kubernetes source package in $work (~7 min)"
  (
    cd "$work"
    apt-get source --download-only kubernetes >/dev/null 2>&1 || die "apt-get source kubernetes failed"
    dpkg-source -x --no-check kubernetes_*.dsc src >/dev/null
    cd src
    rm -rf vendor/github.com/modern-go/reflect2
    mkdir -p vendor/github.com/modern-go/reflect2
    cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go \
       /usr/share/gocode/src/github.com/modern-go/reflect2/*.s vendor/github.com/modern-go/reflect2/
    rm -f vendor/github.com/modern-go/reflect2/*_test.go
    mkdir -p .go/src/k8s.io && ln -s ../../.. .go/src/k8s.io/kubernetes
    export GOPATH=$PWD/.go CGO_ENABLED=0 GOPROXY=off GOFLAGS= KUBE_GIT_VERSION=v1.20.2 \
      KUBE_GIT_TREE_STATE=clean KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20 GO111MODULE=off
    make WHAT=cmd/kube-apiserver >build.log 2>&1 || { tail -40 build.log >&2; die "build failed"; }
    mkdir -p "$CACHE"
    cp _output/bin/kube-apiserver "$BIN.tmp" && mv "$BIN.tmp" "$BIN"
  )
  rm -rf "$work"
  log "built $BIN"
}

# Sets FREE to a loopback port nobody listens on (bash's /dev/tcp: no python or netcat
# needed); ports already picked in this run are excluded.
PICKED=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    case "$PICKED" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      PICKED="$PICKED$p "
      FREE=$p
      return 0
    fi
  done
}

start() {
  [ -x "$BIN" ] || die "no kube-apiserver binary at $BIN: run '$0 build' first"
  command -v etcd >/dev/null || die "etcd is missing: run '$0 build' (it installs etcd-server)"
  stop >/dev/null 2>&1 || true
  rm -rf "$RUN" && mkdir -p "$RUN/certs"
  local client peer secure
  free_port; client=$FREE; free_port; peer=$FREE; free_port; secure=$FREE
  etcd --name t --data-dir "$RUN/etcd" \
    --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "t=http://127.0.0.1:$peer" >"$RUN/etcd.log" 2>&1 &
  echo $! >"$RUN/etcd.pid"
  openssl genrsa -out "$RUN/sa.key" 2048 2>/dev/null
  local token; token=$(openssl rand -hex 16)
  echo "$token,admin,admin-uid,system:masters" >"$RUN/tokens.csv"
  "$BIN" --etcd-servers="http://127.0.0.1:$client" --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 --secure-port="$secure" --insecure-port=0 --cert-dir="$RUN/certs" \
    --token-auth-file="$RUN/tokens.csv" --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$RUN/sa.key" --service-account-signing-key-file="$RUN/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 --endpoint-reconciler-type=none \
    --disable-admission-plugins=ServiceAccount >"$RUN/apiserver.log" 2>&1 &
  echo $! >"$RUN/apiserver.pid"
  local url="https://127.0.0.1:$secure"
  for _ in $(seq 1 120); do
    if curl -skf -H "Authorization: Bearer $token" "$url/readyz" >/dev/null 2>&1; then
      printf 'KUBE_URL=%s\nKUBE_TOKEN=%s\n' "$url" "$token" >"$RUN/env"
      log "ready at $url"
      echo "$RUN/env"
      return 0
    fi
    if ! kill -0 "$(cat "$RUN/apiserver.pid")" 2>/dev/null; then
      tail -20 "$RUN/apiserver.log" >&2
      stop
      die "kube-apiserver exited (log: $RUN/apiserver.log)"
    fi
    sleep 0.5
  done
  tail -20 "$RUN/apiserver.log" >&2
  stop
  die "kube-apiserver not ready after 60 s (log: $RUN/apiserver.log)"
}

stop() {
  for p in apiserver etcd; do
    if [ -f "$RUN/$p.pid" ]; then
      kill "$(cat "$RUN/$p.pid")" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$(cat "$RUN/$p.pid")" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$(cat "$RUN/$p.pid")" 2>/dev/null || true
      rm -f "$RUN/$p.pid"
    fi
  done
  log "stopped"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac
