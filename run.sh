#!/usr/bin/env bash
# One command runs it: builds the bundle, installs it into a local Keycloak
# distribution under .run/, starts a mail catcher (GreenMail) and Keycloak with
# the demo realm, and stops both again on Ctrl-C.  ./run.sh --help for options.
# shellcheck disable=SC2317  # cleanup and its helpers run from traps
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./run.sh [options]

Builds account-lifecycle, installs it into a local Keycloak (kept in .run/),
starts a mail catcher and Keycloak with the demo realm. Ctrl-C stops everything.
A second start reuses .run/ (users, realm changes and the admin password stay).

Options:
  --port N              Keycloak HTTP port              (env KC_PORT, default 8080)
  --management-port N   Keycloak management port        (env KC_MANAGEMENT_PORT, default 9000)
  --smtp-port N         mail catcher SMTP port          (env MAIL_SMTP_PORT, default 3025)
  --mail-port N         mail catcher web/API port       (env MAIL_PORT, default 8025)
  --inbox-port N        web inbox for the caught mail   (env INBOX_PORT, default 8024)
  --realm-dir DIR       realm import JSON files         (env REALM_DIR, default realm-config)
  --skip-build          do not run Maven; use the jars already in */target
  --logs                also show the Keycloak log in this terminal
  --check-only          only check tools, realm JSON and ports, then exit 0
  --with-odoo           also start the Odoo simulator and sync the demo realm to it
  --odoo-port N         Odoo simulator port             (env ODOO_PORT, default 8069)
  --with-targets        also start the target simulator and send the demo realm's
                        changes to it as signed webhooks (target demo-webhook)
  --targets-port N      target simulator port           (env TARGETS_PORT, default 8090)
  -h, --help            show this help

Environment: JSON_CHECKER=java checks realm JSON with scripts/JsonCheck.java
instead of python3; READY_TIMEOUT (default 180) seconds to wait for Keycloak;
GREENMAIL_VERSION (default 2.1.8) of com.icegreen:greenmail-standalone.

Exit codes: 0 ok, 1 failure (missing tool, bad realm file, build or start failed),
2 a port is already in use or an option is wrong.
Logs: .run/keycloak.log, .run/greenmail.log and .run/inbox.log
(and .run/odoo.log, .run/targets.log with the simulators)
EOF
}

# ---------------------------------------------------------------- messages
die() { echo "error: $*" >&2; exit 1; }
die2() { echo "error: $*" >&2; exit 2; }
info() { echo "==> $*"; }
warn() { echo "warning: $*" >&2; }

ORIG_PWD=$(pwd)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ---------------------------------------------------------------- options
PORT=${KC_PORT:-8080}
MGMT_PORT=${KC_MANAGEMENT_PORT:-9000}
SMTP_PORT=${MAIL_SMTP_PORT:-3025}
MAIL_PORT=${MAIL_PORT:-8025}
INBOX_PORT=${INBOX_PORT:-8024}
REALM_DIR=${REALM_DIR:-}
SKIP_BUILD=false
CHECK_ONLY=false
SHOW_LOGS=false
WITH_ODOO=false
ODOO_PORT=${ODOO_PORT:-8069}
WITH_TARGETS=false
TARGETS_PORT=${TARGETS_PORT:-8090}
TARGET_NAME=demo-webhook
GREENMAIL_VERSION=${GREENMAIL_VERSION:-2.1.8}
REALM_FILE_NAME=demo-realm.json
REALM_NAME=demo
DEMO_ADMIN_USER=demo-admin
DEMO_ADMIN_PASSWORD=Demo-Admin-2026
READY_TIMEOUT=${READY_TIMEOUT:-180}

need_value() { [[ $# -ge 2 && -n "$2" ]] || die2 "option $1 needs a value (see ./run.sh --help)"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) need_value "$@"; PORT=$2; shift 2 ;;
    --port=*) PORT=${1#*=}; shift ;;
    --management-port) need_value "$@"; MGMT_PORT=$2; shift 2 ;;
    --management-port=*) MGMT_PORT=${1#*=}; shift ;;
    --smtp-port) need_value "$@"; SMTP_PORT=$2; shift 2 ;;
    --smtp-port=*) SMTP_PORT=${1#*=}; shift ;;
    --mail-port) need_value "$@"; MAIL_PORT=$2; shift 2 ;;
    --mail-port=*) MAIL_PORT=${1#*=}; shift ;;
    --inbox-port) need_value "$@"; INBOX_PORT=$2; shift 2 ;;
    --inbox-port=*) INBOX_PORT=${1#*=}; shift ;;
    --realm-dir) need_value "$@"; REALM_DIR=$2; shift 2 ;;
    --realm-dir=*) REALM_DIR=${1#*=}; shift ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    --check-only) CHECK_ONLY=true; shift ;;
    --logs) SHOW_LOGS=true; shift ;;
    --with-odoo) WITH_ODOO=true; shift ;;
    --odoo-port) need_value "$@"; ODOO_PORT=$2; shift 2 ;;
    --odoo-port=*) ODOO_PORT=${1#*=}; shift ;;
    --with-targets) WITH_TARGETS=true; shift ;;
    --targets-port) need_value "$@"; TARGETS_PORT=$2; shift 2 ;;
    --targets-port=*) TARGETS_PORT=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die2 "unknown option '$1' (see ./run.sh --help)" ;;
  esac
done
# KC_* variables are read by Keycloak itself; these two are ours only.
unset KC_PORT KC_MANAGEMENT_PORT

# A relative --realm-dir is relative to where the command was typed.
if [[ -z "$REALM_DIR" ]]; then
  REALM_DIR=$ROOT/realm-config
elif [[ "$REALM_DIR" != /* ]]; then
  REALM_DIR=$ORIG_PWD/$REALM_DIR
fi
cd "$ROOT"

# ---------------------------------------------------------------- tools
check_tools() {
  local java_bin=java
  [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]] && java_bin=$JAVA_HOME/bin/java
  command -v "$java_bin" >/dev/null 2>&1 \
    || die "java not found; install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk) or set JAVA_HOME"
  local ver major
  ver=$("$java_bin" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  major=${ver%%.*}
  [[ "$major" == 1 ]] && major=$(echo "$ver" | cut -d. -f2)
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the Java version of '$java_bin' (got '${ver:-nothing}'); Java 17 or newer is needed"
  (( major >= 17 )) || die "Java $ver found ($java_bin); Java 17 or newer is needed (set JAVA_HOME to a JDK 17+)"
  JAVA_BIN=$java_bin
  command -v mvn >/dev/null 2>&1 \
    || die "mvn not found; install Maven 3.8+ (Debian: apt-get install maven)"
}

# ---------------------------------------------------------------- realm JSON
check_realm_json() {
  [[ -d "$REALM_DIR" ]] || die "realm directory $REALM_DIR does not exist (set --realm-dir DIR)"
  [[ -f "$REALM_DIR/$REALM_FILE_NAME" ]] \
    || die "realm file $REALM_DIR/$REALM_FILE_NAME is missing (the demo realm export)"
  local files=("$REALM_DIR"/*.json)
  if [[ "${JSON_CHECKER:-}" != java ]] && command -v python3 >/dev/null 2>&1 && python3 -c 'import json' >/dev/null 2>&1; then
    python3 - "${files[@]}" <<'PY' || exit 1
import json, sys
bad = False
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except json.JSONDecodeError as e:
        print(f"error: realm file {path} is not valid JSON: line {e.lineno}, column {e.colno}: {e.msg}", file=sys.stderr)
        bad = True
        continue
    except (OSError, UnicodeDecodeError) as e:
        print(f"error: realm file {path} cannot be read: {e}", file=sys.stderr)
        bad = True
        continue
    if not isinstance(doc, dict) or not isinstance(doc.get("realm"), str):
        print(f"error: realm file {path} is JSON but not a realm export (no top-level \"realm\" name)", file=sys.stderr)
        bad = True
sys.exit(1 if bad else 0)
PY
  else
    [[ "${JSON_CHECKER:-}" == java ]] || warn "python3 not found; checking realm JSON with java scripts/JsonCheck.java"
    "$JAVA_BIN" "$ROOT/scripts/JsonCheck.java" "${files[@]}" || exit 1
  fi
}

# ---------------------------------------------------------------- ports
valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && (( $1 >= 1 && $1 <= 65535 )); }

port_in_use() {
  local p=$1
  if command -v ss >/dev/null 2>&1; then
    # any listener on any address (0.0.0.0, 127.0.0.1, ::, ...)
    [[ -n "$(ss -Hltn "sport = :$p" 2>/dev/null)" ]] && return 0
  fi
  # fallback and double check: can we connect?
  (exec 3<>"/dev/tcp/127.0.0.1/$p") >/dev/null 2>&1 && return 0
  return 1
}

check_ports() {
  local -a names=("--port:KC_PORT:$PORT" "--management-port:KC_MANAGEMENT_PORT:$MGMT_PORT" \
                  "--smtp-port:MAIL_SMTP_PORT:$SMTP_PORT" "--mail-port:MAIL_PORT:$MAIL_PORT" \
                  "--inbox-port:INBOX_PORT:$INBOX_PORT")
  $WITH_ODOO && names+=("--odoo-port:ODOO_PORT:$ODOO_PORT")
  $WITH_TARGETS && names+=("--targets-port:TARGETS_PORT:$TARGETS_PORT")
  local entry opt env p seen=" "
  for entry in "${names[@]}"; do
    IFS=: read -r opt env p <<<"$entry"
    valid_port "$p" || die2 "$opt '$p' is not a port number (1-65535)"
    [[ "$seen" == *" $p "* ]] && die2 "port $p is given twice; each of --port, --management-port, --smtp-port, --mail-port, --inbox-port, --odoo-port and --targets-port needs its own"
    seen="$seen$p "
  done
  for entry in "${names[@]}"; do
    IFS=: read -r opt env p <<<"$entry"
    if port_in_use "$p"; then
      local alt=$((p + 1)); (( alt > 65535 )) && alt=$((p - 1))
      die2 "port $p is already in use; pick another with ./run.sh $opt $alt (or $env=$alt)"
    fi
  done
}

check_tools
check_realm_json
check_ports
if $CHECK_ONLY; then
  echo "ok: tools, realm JSON ($REALM_DIR) and ports $PORT, $MGMT_PORT, $SMTP_PORT, $MAIL_PORT, $INBOX_PORT$($WITH_ODOO && echo ", $ODOO_PORT")$($WITH_TARGETS && echo ", $TARGETS_PORT") are fine"
  exit 0
fi

# ---------------------------------------------------------------- build
RUN_DIR=$ROOT/.run
mkdir -p "$RUN_DIR"

if $SKIP_BUILD; then
  info "skipping the build (--skip-build)"
else
  info "building the bundle (mvn -B -q -DskipTests package -pl providers,themes,odoo-simulator,target-simulator -am)"
  # integration-tests is not needed to run the server, so it is left out here.
  mvn -B -q -DskipTests package -pl providers,themes,odoo-simulator,target-simulator -am \
    || die "the Maven build failed; fix the error above, or run with --skip-build to use existing jars"
fi

find_jar() {  # newest main jar of a module, not sources/javadoc/tests/original
  local dir=$1 name=$2 f newest=""
  for f in "$dir"/"$name"-*.jar; do
    [[ -f "$f" ]] || continue
    case "$f" in *-sources.jar|*-javadoc.jar|*-tests.jar|*/original-*) continue ;; esac
    if [[ -z "$newest" || "$f" -nt "$newest" ]]; then newest=$f; fi
  done
  [[ -n "$newest" ]] || die "jar not found: expected $dir/$name-<version>.jar (build with: mvn -B -DskipTests package)"
  echo "$newest"
}
PROVIDERS_JAR=$(find_jar "$ROOT/providers/target" account-lifecycle-providers)
THEMES_JAR=$(find_jar "$ROOT/themes/target" account-lifecycle-themes)

# ---------------------------------------------------------------- Keycloak distribution
KC_VERSION=$(sed -n 's:.*<keycloak.version>\([^<]*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
if [[ -z "$KC_VERSION" ]]; then
  KC_VERSION=$(mvn -B -q -N help:evaluate -DforceStdout -Dexpression=keycloak.version 2>/dev/null || true)
fi
[[ "$KC_VERSION" =~ ^[0-9]+\.[0-9]+ ]] || die "cannot read the property keycloak.version from pom.xml"
KC_HOME=$RUN_DIR/keycloak-$KC_VERSION

if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
  ZIP=$RUN_DIR/keycloak-quarkus-dist-$KC_VERSION.zip
  if [[ ! -s "$ZIP" ]]; then
    info "fetching Keycloak $KC_VERSION (org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip)"
    mvn -B -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
        -DoutputDirectory="$RUN_DIR" >"$RUN_DIR/mvn-fetch.log" 2>&1 \
      || { tail -n 20 "$RUN_DIR/mvn-fetch.log" >&2
           die "could not download org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central"; }
  fi
  info "unpacking $ZIP"
  rm -rf "$RUN_DIR/unpack.tmp"
  mkdir -p "$RUN_DIR/unpack.tmp"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$ZIP" -d "$RUN_DIR/unpack.tmp"
  else
    (cd "$RUN_DIR/unpack.tmp" && jar xf "$ZIP")
  fi
  [[ -d "$RUN_DIR/unpack.tmp/keycloak-$KC_VERSION" ]] || die "unexpected layout in $ZIP (no keycloak-$KC_VERSION/ folder)"
  mv "$RUN_DIR/unpack.tmp/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$RUN_DIR/unpack.tmp"
  chmod +x "$KC_HOME"/bin/*.sh
fi

# Install the bundle as an organisation does: copy the jars into providers/ and
# run 'kc.sh build'. A jar is only replaced when its content changed, and the
# build only runs then (or the first time), so a restart is quick.
install_jar() {
  local src=$1 prefix=$2 dest f
  dest=$KC_HOME/providers/$(basename "$src")
  for f in "$KC_HOME"/providers/"$prefix"-*.jar; do
    [[ -f "$f" && "$f" != "$dest" ]] && rm -f "$f"
  done
  if [[ -f "$dest" ]] && cmp -s "$src" "$dest"; then
    return 0
  fi
  cp "$src" "$dest"
  JARS_CHANGED=true
}
JARS_CHANGED=false
install_jar "$PROVIDERS_JAR" account-lifecycle-providers
install_jar "$THEMES_JAR" account-lifecycle-themes
BUILD_MARKER=$RUN_DIR/kc-build.done
if $JARS_CHANGED || [[ ! -f "$BUILD_MARKER" ]]; then
  info "installed $(basename "$PROVIDERS_JAR") and $(basename "$THEMES_JAR"); running kc.sh build"
  rm -f "$BUILD_MARKER"
  "$KC_HOME/bin/kc.sh" build --db=dev-file > "$RUN_DIR/kc-build.log" 2>&1 \
    || { tail -n 30 "$RUN_DIR/kc-build.log" >&2; die "kc.sh build failed; the full log is in $RUN_DIR/kc-build.log"; }
  touch "$BUILD_MARKER"
fi

# Realm import: import skips a realm that already exists in the database.
mkdir -p "$KC_HOME/data/import"
rm -f "$KC_HOME"/data/import/*.json
cp "$REALM_DIR"/*.json "$KC_HOME/data/import/"

# Bootstrap admin of the master realm: generated once, reused afterwards.
PW_FILE=$RUN_DIR/bootstrap-admin-password
if [[ ! -s "$PW_FILE" ]]; then
  if [[ -d "$KC_HOME/data/h2" ]]; then
    warn "$PW_FILE is missing but the database exists; the master admin keeps its old password (delete $KC_HOME/data to start afresh)"
  fi
  (umask 077; od -An -tx1 -N18 /dev/urandom | tr -d ' \n' > "$PW_FILE")
fi
chmod 600 "$PW_FILE"
BOOTSTRAP_PASSWORD=$(cat "$PW_FILE")

# ---------------------------------------------------------------- process handling
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ ${#PIDS[@]} -gt 0 ]]; then
    echo
    info "stopping Keycloak and the mail catcher"
    local pid
    for pid in "${PIDS[@]}"; do stop_tree "$pid" TERM; done
    local _
    for _ in $(seq 1 60); do  # up to 30 s: a Keycloak stopped mid-bootstrap needs that long
      local alive=false
      for pid in "${PIDS[@]}"; do tree_alive "$pid" && alive=true; done
      $alive || break
      sleep 0.5
    done
    for pid in "${PIDS[@]}"; do stop_tree "$pid" KILL; done
    [[ -n "${TAIL_PID:-}" ]] && kill "$TAIL_PID" 2>/dev/null
    wait 2>/dev/null || true
  fi
  exit "$rc"
}
# Every child is started with setsid, so it leads its own process group and
# the whole tree (kc.sh and its java) is signalled at once. Without setsid the
# descendants are found through ps.
descendants() {
  local p c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$c"; descendants "$c"
  done
}
stop_tree() {
  local pid=$1 sig=$2
  if $HAVE_SETSID; then
    kill -"$sig" -- "-$pid" 2>/dev/null || true
  fi
  local all
  all="$pid $(descendants "$pid" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -"$sig" $all 2>/dev/null || true
}
tree_alive() {
  kill -0 "$1" 2>/dev/null && return 0
  if $HAVE_SETSID; then kill -0 -- "-$1" 2>/dev/null && return 0; fi
  return 1
}
HAVE_SETSID=false
command -v setsid >/dev/null 2>&1 && HAVE_SETSID=true
start_bg() {  # start_bg LOGFILE CMD... ; sets STARTED_PID
  local log=$1; shift
  if $HAVE_SETSID; then
    setsid "$@" </dev/null >"$log" 2>&1 &
  else
    "$@" </dev/null >"$log" 2>&1 &
  fi
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

http_status() {  # prints the HTTP status of a GET, or 000
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    local code
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" 2>/dev/null) || true
    echo "${code:-000}"
  else
    local hostport=${url#http://}; hostport=${hostport%%/*}
    local path=/${url#http://*/}
    (
      exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || exit 1
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
      read -r -t 5 _ code _ <&3 && echo "$code"
    ) 2>/dev/null || echo 000
  fi
}

# ---------------------------------------------------------------- mail catcher
GREENMAIL_JAR=$RUN_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar
if [[ ! -s "$GREENMAIL_JAR" ]]; then
  info "fetching GreenMail $GREENMAIL_VERSION (com.icegreen:greenmail-standalone)"
  mvn -B -q -N dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
      -DoutputDirectory="$RUN_DIR" >"$RUN_DIR/mvn-fetch.log" 2>&1 \
    || { tail -n 20 "$RUN_DIR/mvn-fetch.log" >&2
         die "could not download com.icegreen:greenmail-standalone:$GREENMAIL_VERSION from Maven Central"; }
fi
info "starting the mail catcher: SMTP 127.0.0.1:$SMTP_PORT, web http://localhost:$MAIL_PORT/"
start_bg "$RUN_DIR/greenmail.log" "$JAVA_BIN" \
  -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_PORT" \
  -Dgreenmail.auth.disabled \
  -jar "$GREENMAIL_JAR"
GREENMAIL_PID=$STARTED_PID
for _ in $(seq 1 60); do
  [[ "$(http_status "http://127.0.0.1:$MAIL_PORT/api/configuration")" == 200 ]] && break
  kill -0 "$GREENMAIL_PID" 2>/dev/null || { tail -n 20 "$RUN_DIR/greenmail.log" >&2; die "the mail catcher stopped; see $RUN_DIR/greenmail.log"; }
  sleep 0.5
done
[[ "$(http_status "http://127.0.0.1:$MAIL_PORT/api/configuration")" == 200 ]] \
  || { tail -n 20 "$RUN_DIR/greenmail.log" >&2; die "the mail catcher did not answer on port $MAIL_PORT within 30 s; see $RUN_DIR/greenmail.log"; }

# A web inbox that renders the caught mails (HTML in a sandboxed frame, and the text part).
INBOX_URL=""
if command -v python3 >/dev/null 2>&1; then
  start_bg "$RUN_DIR/inbox.log" python3 "$ROOT/scripts/mail-inbox.py" --port "$INBOX_PORT" \
    --greenmail "http://127.0.0.1:$MAIL_PORT"
  INBOX_URL="http://localhost:$INBOX_PORT/"
else
  info "python3 is missing, so the web inbox is off; GreenMail's API still lists the mail"
fi

# ---------------------------------------------------------------- Odoo simulator
if $WITH_ODOO; then
  SIM_JAR=$(ls "$ROOT"/odoo-simulator/target/account-lifecycle-odoo-simulator-*-standalone.jar 2>/dev/null | head -n 1)
  [[ -n "$SIM_JAR" ]] || die "the Odoo simulator jar is missing (build with: mvn -B -DskipTests package)"
  info "starting the Odoo simulator on http://127.0.0.1:$ODOO_PORT/ (Odoo 19, database odoo, login admin)"
  start_bg "$RUN_DIR/odoo.log" "$JAVA_BIN" -jar "$SIM_JAR" --port "$ODOO_PORT" --version 19
  ODOO_PID=$STARTED_PID
  for _ in $(seq 1 60); do
    [[ "$(http_status "http://127.0.0.1:$ODOO_PORT/_sim/state")" == 200 ]] && break
    kill -0 "$ODOO_PID" 2>/dev/null || { tail -n 20 "$RUN_DIR/odoo.log" >&2; die "the Odoo simulator stopped; see $RUN_DIR/odoo.log"; }
    sleep 0.5
  done
fi

# ---------------------------------------------------------------- target simulator
if $WITH_TARGETS; then
  TARGETS_JAR=$(ls "$ROOT"/target-simulator/target/account-lifecycle-target-simulator-*-standalone.jar 2>/dev/null | head -n 1)
  [[ -n "$TARGETS_JAR" ]] || die "the target simulator jar is missing (build with: mvn -B -DskipTests package)"
  info "starting the target simulator on http://127.0.0.1:$TARGETS_PORT/ (webhook receiver /webhooks/$TARGET_NAME, SCIM at /scim/v2)"
  # No secret on its command line (ps shows it): the receiver's secret is registered over /_sim/webhook-secret below.
  start_bg "$RUN_DIR/targets.log" "$JAVA_BIN" -jar "$TARGETS_JAR" --port "$TARGETS_PORT"
  TARGETS_PID=$STARTED_PID
  for _ in $(seq 1 60); do
    [[ "$(http_status "http://127.0.0.1:$TARGETS_PORT/_sim/state")" == 200 ]] && break
    kill -0 "$TARGETS_PID" 2>/dev/null || { tail -n 20 "$RUN_DIR/targets.log" >&2; die "the target simulator stopped; see $RUN_DIR/targets.log"; }
    sleep 0.5
  done
  [[ "$(http_status "http://127.0.0.1:$TARGETS_PORT/_sim/state")" == 200 ]] \
    || { tail -n 20 "$RUN_DIR/targets.log" >&2; die "the target simulator did not answer on port $TARGETS_PORT within 30 s; see $RUN_DIR/targets.log"; }
fi

# ---------------------------------------------------------------- Keycloak
export ACCOUNT_LIFECYCLE_SMTP_HOST=127.0.0.1
export ACCOUNT_LIFECYCLE_SMTP_PORT=$SMTP_PORT
export ACCOUNT_LIFECYCLE_SMTP_FROM=${ACCOUNT_LIFECYCLE_SMTP_FROM:-noreply@demo.local}
export KC_BOOTSTRAP_ADMIN_USERNAME=admin
export KC_BOOTSTRAP_ADMIN_PASSWORD=$BOOTSTRAP_PASSWORD
KC_LOG=$RUN_DIR/keycloak.log
info "starting Keycloak $KC_VERSION on http://localhost:$PORT/ (dev-file database in ${KC_HOME#"$ROOT"/}/data, log $KC_LOG)"
# The built server, on the dev-file (H2) database kept in $KC_HOME/data, over
# plain HTTP on localhost only: a demo, not a production setup.
KC_EXTRA=()
# the Odoo simulator listens on loopback, which the bundle refuses unless the operator allows it
$WITH_ODOO && KC_EXTRA+=(--spi-events-listener--account-lifecycle--odoo-allowed-hosts=loopback)
# the same for the target simulator (a separate list: webhook targets may point at other hosts than Odoo)
$WITH_TARGETS && KC_EXTRA+=(--spi-events-listener--account-lifecycle--targets-allowed-hosts=loopback)
start_bg "$KC_LOG" "$KC_HOME/bin/kc.sh" start --optimized --import-realm \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 \
  --http-port="$PORT" --http-management-port="$MGMT_PORT" "${KC_EXTRA[@]}"
KC_PID=$STARTED_PID
if $SHOW_LOGS; then
  tail -n +1 -f "$KC_LOG" &
  TAIL_PID=$!
fi

REALM_URL=http://localhost:$PORT/realms/$REALM_NAME
deadline=$((SECONDS + READY_TIMEOUT))
until [[ "$(http_status "$REALM_URL")" == 200 ]]; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "---- last lines of $KC_LOG" >&2; tail -n 30 "$KC_LOG" >&2
    die "Keycloak stopped during start-up; see $KC_LOG"
  fi
  if (( SECONDS >= deadline )); then
    echo "---- last lines of $KC_LOG" >&2; tail -n 30 "$KC_LOG" >&2
    die "$REALM_URL did not answer 200 within ${READY_TIMEOUT} s; see $KC_LOG"
  fi
  sleep 2
done

admin_token() {  # a master realm admin token (admin-cli), or empty
  curl -s -d grant_type=password -d client_id=admin-cli -d username=admin --data-urlencode "password=$BOOTSTRAP_PASSWORD" \
    "http://localhost:$PORT/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

if $WITH_ODOO; then
  # The demo realm syncs to the simulator with the simulator's demo key, kept as a realm attribute here;
  # a real Odoo's key belongs in Keycloak's vault (see the README).
  TOKEN=$(admin_token)
  code=$(curl -s -o "$RUN_DIR/odoo-config.json" -w '%{http_code}' -X PUT \
    "http://localhost:$PORT/admin/realms/$REALM_NAME/account-lifecycle/odoo/config" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"enabled\": true, \"url\": \"http://127.0.0.1:$ODOO_PORT\", \"database\": \"odoo\", \"login\": \"admin\", \"apiKey\": \"sim-api-key\", \"transport\": \"json2\", \"oauthProviderId\": 3}")
  [[ "$code" == 200 ]] || die "could not configure the Odoo sync of the demo realm (HTTP $code); see $RUN_DIR/odoo-config.json"
fi

if $WITH_TARGETS; then
  # The demo realm sends every user change to the simulator's receiver /webhooks/demo-webhook, signed with a secret
  # that only Keycloak and the simulator know: it is never printed, never on a command line (curl reads the bodies
  # that hold it from stdin) and never written to a file. A real receiver's secret belongs in Keycloak's vault.
  TOKEN=$(admin_token)
  [[ -n "$TOKEN" ]] || die "could not get an admin token to configure the webhook target of the demo realm"
  TARGETS_API=http://localhost:$PORT/admin/realms/$REALM_NAME/account-lifecycle/targets
  TARGET_URL=http://127.0.0.1:$TARGETS_PORT/webhooks/$TARGET_NAME
  # Only a 201 answer holds the secret (once); other answers are kept in .run/targets-config.json to read.
  resp=$(printf '{"name": "%s", "kind": "webhook", "url": "%s"}' "$TARGET_NAME" "$TARGET_URL" \
    | curl -s -w '\n%{http_code}' -X POST "$TARGETS_API" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @-) || resp=$'\n000'
  code=${resp##*$'\n'}
  TARGET_SECRET=""
  case "$code" in
    201)
      TARGET_SECRET=$(sed -n 's/.*"secret" *: *"\(whsec_[^"]*\)".*/\1/p' <<<"${resp%$'\n'*}")
      [[ -n "$TARGET_SECRET" ]] || die "the new webhook target $TARGET_NAME of the demo realm came without its secret"
      ;;
    409)
      # A second run on the same data: the target exists, and its secret is not shown again. Give it a new one
      # (whsec_ and the base64 of 32 random bytes), and point it at this run's simulator port.
      TARGET_ID=$(curl -s "$TARGETS_API" -H "Authorization: Bearer $TOKEN" | tr '{' '\n' \
        | grep -E "\"name\" *: *\"$TARGET_NAME\"" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' | head -n 1) || true
      [[ -n "$TARGET_ID" ]] || die "the demo realm has a webhook target named $TARGET_NAME, but it could not be read from $TARGETS_API"
      TARGET_SECRET=whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')
      code=$(printf '{"url": "%s", "secret": "%s", "enabled": true}' "$TARGET_URL" "$TARGET_SECRET" \
        | curl -s -o "$RUN_DIR/targets-config.json" -w '%{http_code}' -X PUT "$TARGETS_API/$TARGET_ID" \
            -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @-) || code=000
      [[ "$code" == 200 ]] || die "could not give the webhook target $TARGET_NAME of the demo realm a new secret (HTTP $code); see $RUN_DIR/targets-config.json"
      ;;
    *)
      printf '%s\n' "${resp%$'\n'*}" >"$RUN_DIR/targets-config.json"
      die "could not create the webhook target $TARGET_NAME of the demo realm (HTTP $code); see $RUN_DIR/targets-config.json"
      ;;
  esac
  code=$(printf '{"name": "%s", "secret": "%s"}' "$TARGET_NAME" "$TARGET_SECRET" \
    | curl -s -o "$RUN_DIR/targets-sim-secret.json" -w '%{http_code}' -X POST "http://127.0.0.1:$TARGETS_PORT/_sim/webhook-secret" \
        -H 'Content-Type: application/json' --data-binary @-) || code=000
  unset TARGET_SECRET
  [[ "$code" == 200 ]] || die "could not give the target simulator the secret of $TARGET_NAME (HTTP $code); see $RUN_DIR/targets-sim-secret.json"
  # SCIM targets go here once the bundle has the kind (POST .../targets {"kind": "scim", ...}; now a 400): the
  # simulator already serves SCIM 2.0 at http://127.0.0.1:$TARGETS_PORT/scim/v2 (bearer sim-scim-token).
fi

cat <<EOF

account-lifecycle is running (Ctrl-C stops it)

  Demo realm admin console : http://localhost:$PORT/admin/$REALM_NAME/console/
      login                : $DEMO_ADMIN_USER / $DEMO_ADMIN_PASSWORD
  Master admin console     : http://localhost:$PORT/admin/master/console/
      login                : admin / $BOOTSTRAP_PASSWORD   (kept in .run/bootstrap-admin-password)
  Account console (demo)   : http://localhost:$PORT/realms/$REALM_NAME/account/
  Web inbox (all mail)     : ${INBOX_URL:-off (needs python3)}
  Mail API (GreenMail)     : http://localhost:$MAIL_PORT/api/user/<email>/messages/INBOX
      SMTP                 : 127.0.0.1:$SMTP_PORT
  Logs                     : .run/keycloak.log, .run/greenmail.log, .run/inbox.log

EOF
if $WITH_ODOO; then
  echo "  Odoo simulator (users)   : http://127.0.0.1:$ODOO_PORT/   (JSON: /_sim/users; the demo realm syncs to it)"
  echo
fi
if $WITH_TARGETS; then
  echo "  Targets (what arrived)   : http://127.0.0.1:$TARGETS_PORT/   (JSON: /_sim/webhooks/$TARGET_NAME; the demo realm's webhook target $TARGET_NAME)"
  echo
fi

# Wait until Keycloak or the mail catcher ends (or Ctrl-C runs the trap).
while kill -0 "$KC_PID" 2>/dev/null && kill -0 "$GREENMAIL_PID" 2>/dev/null; do
  wait -n "$KC_PID" "$GREENMAIL_PID" 2>/dev/null || true
done
if ! kill -0 "$KC_PID" 2>/dev/null; then
  echo "---- last lines of $KC_LOG" >&2; tail -n 30 "$KC_LOG" >&2
  die "Keycloak stopped; see $KC_LOG"
fi
die "the mail catcher stopped; see $RUN_DIR/greenmail.log"
