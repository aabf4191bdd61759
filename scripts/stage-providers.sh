#!/usr/bin/env bash
# Copies the built provider and theme jars into deploy/providers/, the folder
# docker-compose.yml mounts as /opt/keycloak/providers. Run after
# `mvn -B -DskipTests package` (or pass --build to run that first).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DEST=${1:-}
if [[ "$DEST" == --build ]]; then
  mvn -B -q -DskipTests package -pl providers,themes -am
  DEST=${2:-}
fi
DEST=${DEST:-deploy/providers}

find_jar() {  # newest main jar of a module, not sources/javadoc/tests/original
  local dir=$1 name=$2 f newest=""
  for f in "$dir"/"$name"-*.jar; do
    [[ -f "$f" ]] || continue
    case "$f" in *-sources.jar|*-javadoc.jar|*-tests.jar|*/original-*) continue ;; esac
    if [[ -z "$newest" || "$f" -nt "$newest" ]]; then newest=$f; fi
  done
  if [[ -z "$newest" ]]; then
    echo "error: jar not found: expected $dir/$name-<version>.jar; build first with: mvn -B -DskipTests package" >&2
    exit 1
  fi
  echo "$newest"
}
PROVIDERS_JAR=$(find_jar providers/target account-lifecycle-providers)
THEMES_JAR=$(find_jar themes/target account-lifecycle-themes)

mkdir -p "$DEST"
rm -f "$DEST"/account-lifecycle-*.jar
cp "$PROVIDERS_JAR" "$THEMES_JAR" "$DEST/"
# the container runs as an unprivileged user: it must be able to read them
chmod 755 "$DEST"
chmod 644 "$DEST"/account-lifecycle-*.jar
echo "staged $(basename "$PROVIDERS_JAR") and $(basename "$THEMES_JAR") in $DEST/"
