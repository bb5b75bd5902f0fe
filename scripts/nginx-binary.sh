#!/usr/bin/env bash
# Makes sure Debian's nginx binary (/usr/sbin/nginx) is present for the nginx -t tests of the
# nginx module's raw-snippet check (NginxSnippetConfigTest). Installs the package once when it
# is missing and the machine is Debian with root or sudo; otherwise says why and leaves the tests
# to skip themselves. The service is never started by the tests: they only run `nginx -t`.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "nginx-binary.sh: no apt-get here; the nginx -t tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "nginx-binary.sh: not root and no sudo; the nginx -t tests will be skipped" >&2
    exit 0
  fi
  SUDO=sudo
fi
echo "nginx-binary.sh: installing Debian's nginx for the nginx -t tests" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
# Debian starts the service after installing it; the tests need only the binary.
$SUDO service nginx stop >/dev/null 2>&1 || true
