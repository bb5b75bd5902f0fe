#!/usr/bin/env bash
# Builds the working tree twice, each time from a fresh copy in its own directory, and compares
# every jar (main, sources, javadoc, test-jar) byte for byte. Exit 1 and the differing files when
# the build is not reproducible.
#   scripts/reproducible.sh            (needs the dependencies once: run any build first, or be online)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/wsingress-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

copy() {
  mkdir -p "$1"
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Tracked and new files, as the next commit would hold them; never build output.
    (cd "$root" && git ls-files -z --cached --others --exclude-standard) \
      | (cd "$root" && xargs -0 tar -cf - 2>/dev/null) | (cd "$1" && tar -xf -)
  else
    (cd "$root" && tar -cf - --exclude=target --exclude=.git .) | (cd "$1" && tar -xf -)
  fi
}

for n in 1 2; do
  copy "$work/$n"
  echo "reproducible.sh: build $n of 2 in $work/$n" >&2
  (cd "$work/$n" && ./mvnw -B -q -ntp package -DskipTests -Dwsingress.skipFormatCheck \
    -Dcyclonedx.skip=true >"$work/build-$n.log" 2>&1) || {
    cat "$work/build-$n.log" >&2
    echo "reproducible.sh: build $n failed" >&2
    exit 2
  }
done

(cd "$work/1" && find . -path '*/target/*.jar' -not -path '*/target/*/*' | sort) >"$work/jars"
count=$(wc -l <"$work/jars")
if [ "$count" -eq 0 ]; then
  echo "reproducible.sh: no jars were built" >&2
  exit 2
fi
differ=0
while read -r jar; do
  if ! cmp -s "$work/1/$jar" "$work/2/$jar"; then
    echo "reproducible.sh: differs: $jar" >&2
    differ=1
  fi
done <"$work/jars"
if [ "$differ" -ne 0 ]; then
  exit 1
fi
echo "reproducible.sh: $count jars byte-identical across two clean builds"
