# shellcheck shell=bash
# Shared by scripts/cluster-check.sh, scripts/benchmark-odoo.sh and scripts/version-matrix.sh: the bundle's jars,
# PostgreSQL in a temporary folder on a loopback port, and a stock Keycloak built with the bundle, as organisations
# install it.
# The caller sets WORK (a folder of its own under .run) and PG_PORT, runs from the repository root, and calls
# stack_cleanup from its EXIT trap. Processes it starts go into PIDS, so the trap can stop them.

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
RUN_AS=()
PIDS=()

# Debian keeps PostgreSQL's server binaries off the PATH; install the package when it is missing altogether.
stack_require_tools() {
  if ! command -v initdb >/dev/null; then
    local pg_bin
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$pg_bin" && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      echo "== installing PostgreSQL (apt-get install -y postgresql)"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    [[ -n "$pg_bin" ]] && PATH=$pg_bin:$PATH
  fi
  local tool
  for tool in initdb pg_ctl psql python3 curl; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found; install PostgreSQL (apt-get install -y postgresql) and python3"; exit 1; }
  done
  PROVIDERS_JAR=$(ls providers/target/account-lifecycle-providers-*.jar 2>/dev/null | head -n 1)
  THEMES_JAR=$(ls themes/target/account-lifecycle-themes-*.jar 2>/dev/null | head -n 1)
  SIMULATOR_JAR=$(ls odoo-simulator/target/account-lifecycle-odoo-simulator-*-standalone.jar 2>/dev/null | head -n 1)
  [[ -n "$PROVIDERS_JAR" && -n "$THEMES_JAR" && -n "$SIMULATOR_JAR" ]] || { echo "error: build first: mvn -B -DskipTests package"; exit 1; }
}

# A fresh WORK folder; PostgreSQL refuses to run as root, so it runs as nobody when needed.
stack_prepare() {
  rm -rf "$WORK" && mkdir -p "$WORK"
  if [[ $(id -u) -eq 0 ]]; then chown nobody "$WORK"; RUN_AS=(runuser -u nobody --); fi
}

stack_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  "${RUN_AS[@]}" pg_ctl -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  sleep 2
}

stack_postgres() {
  echo "== PostgreSQL on 127.0.0.1:$PG_PORT"
  "${RUN_AS[@]}" initdb -D "$WORK/pg" -U keycloak --auth=trust >/dev/null
  "${RUN_AS[@]}" pg_ctl -D "$WORK/pg" -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" -l "$WORK/pg.log" -w start >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d postgres -qc "create database keycloak" >/dev/null
}

sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -tAq "$@"; }

# Unpacks keycloak-quarkus-dist (the pom's version, or the one given) into WORK, copies the two jars into
# providers/ and runs kc.sh build; sets KC and KC_VERSION.
stack_keycloak() {
  KC_VERSION=${1:-$KC_VERSION}
  local KC_ZIP=$PWD/.run/keycloak-quarkus-dist-$KC_VERSION.zip
  echo "== Keycloak $KC_VERSION with the bundle (kc.sh build --db=postgres)"
  [[ -f "$KC_ZIP" ]] || mvn -B -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$PWD/.run"
  unzip -q "$KC_ZIP" -d "$WORK"
  KC=$WORK/keycloak-$KC_VERSION
  cp "$PROVIDERS_JAR" "$THEMES_JAR" "$KC/providers/"
  "$KC/bin/kc.sh" build --db=postgres >"$WORK/build.log" 2>&1 || { tail -n 20 "$WORK/build.log"; exit 1; }
}
