#!/usr/bin/env bash
# Formats every Java source with google-java-format (fetched from Maven Central once).
# Usage: scripts/format.sh [--check]   (--check lists unformatted files and fails)
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.25.2
jar="$HOME/.m2/repository/com/google/googlejavaformat/google-java-format/$version/google-java-format-$version-all-deps.jar"
[ -f "$jar" ] || ./mvnw -B -q -ntp dependency:get \
  -Dartifact="com.google.googlejavaformat:google-java-format:$version:jar:all-deps"
opens=()
for p in api code file parser tree util; do
  opens+=("--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.java')
else
  # A source archive without .git: every Java file outside build output.
  mapfile -t files < <(find . -name '*.java' -not -path '*/target/*' | sort)
fi
if [ "${1:-}" = "--check" ]; then
  java "${opens[@]}" -jar "$jar" --dry-run --set-exit-if-changed "${files[@]}"
else
  java "${opens[@]}" -jar "$jar" --replace "${files[@]}"
fi
