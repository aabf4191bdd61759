#!/usr/bin/env bash
# Self-test of run.sh's checks (fast: nothing is built or started except a tiny
# port listener). Last line: "N passed, N failed"; exits non-zero on a failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PASSED=0
FAILED=0
TMP=$(mktemp -d)
LISTENER_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$LISTENER_PID" ]]; then
    kill "$LISTENER_PID" 2>/dev/null || true
    wait "$LISTENER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT

pass() { echo "PASS: $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $1"; FAILED=$((FAILED + 1)); }

in_use() {
  if command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; then return 0; fi
  (exec 3<>"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}
USED_PORTS=" "
free_port() {  # a port that is free now and not handed out before
  local p
  while true; do
    p=$((20000 + RANDOM % 30000))
    [[ "$USED_PORTS" == *" $p "* ]] && continue
    in_use "$p" && continue
    USED_PORTS="$USED_PORTS$p "
    echo "$p"
    return
  done
}

# run_sh EXPECTED_RC NAME GREP_PATTERN... -- ARGS... : runs ./run.sh ARGS, checks rc and output
run_sh() {
  local want=$1 name=$2; shift 2
  local -a patterns=()
  while [[ $1 != -- ]]; do patterns+=("$1"); shift; done
  shift
  local out rc=0
  out=$(./run.sh "$@" 2>&1 </dev/null) || rc=$?
  local ok=true why=""
  [[ $rc == "$want" ]] || { ok=false; why="exit code $rc, expected $want"; }
  local p
  for p in "${patterns[@]}"; do
    grep -qF -- "$p" <<<"$out" || { ok=false; why="${why:+$why; }output lacks '$p'"; }
  done
  if $ok; then pass "$name"; else fail "$name ($why); output was:"; printf '    %s\n' "$out"; fi
}

# Ports used by every case, so that the real defaults (8080, ...) being busy on
# this machine does not matter.
KC=$(free_port); MG=$(free_port); SM=$(free_port); MP=$(free_port); IP=$(free_port)
PORT_ARGS=(--port "$KC" --management-port "$MG" --smtp-port "$SM" --mail-port "$MP" --inbox-port "$IP")

# ---- (c) happy path
run_sh 0 "--check-only with free ports exits 0" "ok:" -- --check-only "${PORT_ARGS[@]}"

# ---- --help and a bad option
run_sh 0 "--help prints usage" "Usage: ./run.sh" "--check-only" "--realm-dir" -- --help
run_sh 2 "an unknown option exits 2" "unknown option '--bogus'" -- --check-only --bogus
run_sh 2 "a non-numeric port exits 2" "--port 'abc' is not a port number" -- --check-only "${PORT_ARGS[@]}" --port abc

# ---- --with-targets and --targets-port
TP=$(free_port); OP=$(free_port)
run_sh 0 "--help documents --with-targets and --targets-port" "--with-targets" "--targets-port N" "TARGETS_PORT" -- --help
run_sh 0 "--check-only --with-targets with a free port exits 0" "ok:" "$TP are fine" \
  -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port "$TP"
run_sh 0 "--with-odoo and --with-targets together exit 0" "ok:" "$OP, $TP are fine" \
  -- --check-only "${PORT_ARGS[@]}" --with-odoo --odoo-port "$OP" --with-targets --targets-port "$TP"
run_sh 2 "a non-numeric --targets-port exits 2" "--targets-port 'abc' is not a port number (1-65535)" \
  -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port abc
run_sh 2 "--targets-port=0 exits 2" "--targets-port '0' is not a port number (1-65535)" \
  -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port=0
run_sh 2 "--targets-port 70000 exits 2" "--targets-port '70000' is not a port number (1-65535)" \
  -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port 70000
out=$(TARGETS_PORT=x1 ./run.sh --check-only "${PORT_ARGS[@]}" --with-targets 2>&1) && rc=0 || rc=$?
if [[ $rc == 2 && $out == *"--targets-port 'x1' is not a port number"* ]]; then
  pass "a bad TARGETS_PORT env: exit 2, names --targets-port"
else
  fail "a bad TARGETS_PORT env: exit $rc, output: $out"
fi
run_sh 2 "--targets-port without a value exits 2" "option --targets-port needs a value" \
  -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port
run_sh 2 "the same port for Odoo and targets exits 2" "port $TP is given twice" "--targets-port" \
  -- --check-only "${PORT_ARGS[@]}" --with-odoo --odoo-port "$TP" --with-targets --targets-port "$TP"
run_sh 2 "--targets-port equal to --port exits 2" "port $KC is given twice" \
  -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port "$KC"

# ---- (a) a port in use
BUSY=$(free_port)
if command -v python3 >/dev/null 2>&1; then
  python3 -m http.server --bind 127.0.0.1 "$BUSY" >"$TMP/listener.log" 2>&1 &
  LISTENER_PID=$!
else
  mkdir -p "$TMP/listener"
  cat >"$TMP/listener/Listener.java" <<'JAVA'
import java.net.*;
public class Listener {
    public static void main(String[] a) throws Exception {
        try (ServerSocket s = new ServerSocket(Integer.parseInt(a[0]), 50, InetAddress.getLoopbackAddress())) {
            while (true) s.accept().close();
        }
    }
}
JAVA
  java "$TMP/listener/Listener.java" "$BUSY" >"$TMP/listener.log" 2>&1 &
  LISTENER_PID=$!
fi
for _ in $(seq 1 100); do in_use "$BUSY" && break; sleep 0.1; done
if ! in_use "$BUSY"; then
  fail "could not start a listener on port $BUSY:"; sed 's/^/    /' "$TMP/listener.log"
else
    run_sh 2 "busy HTTP port: exit 2, names the port and --port" \
    "error: port $BUSY is already in use" "./run.sh --port $((BUSY + 1))" "KC_PORT=$((BUSY + 1))" \
    -- --check-only "${PORT_ARGS[@]}" --port "$BUSY"
  out=$(KC_PORT=$BUSY ./run.sh --check-only --management-port "$MG" --smtp-port "$SM" --mail-port "$MP" --inbox-port "$IP" 2>&1) && rc=0 || rc=$?
  if [[ $rc == 2 && $out == *"port $BUSY is already in use"* ]]; then
    pass "busy HTTP port given as KC_PORT: exit 2"
  else
    fail "busy HTTP port given as KC_PORT: exit $rc, output: $out"
  fi
    run_sh 2 "busy management port names --management-port" \
    "port $BUSY is already in use" "--management-port" -- --check-only "${PORT_ARGS[@]}" --management-port "$BUSY"
    run_sh 2 "busy SMTP port names --smtp-port" \
    "port $BUSY is already in use" "--smtp-port" -- --check-only "${PORT_ARGS[@]}" --smtp-port "$BUSY"
    run_sh 2 "busy mail web port names --mail-port" \
    "port $BUSY is already in use" "--mail-port" -- --check-only "${PORT_ARGS[@]}" --mail-port "$BUSY"
    run_sh 2 "busy web inbox port names --inbox-port" \
    "port $BUSY is already in use" "--inbox-port" -- --check-only "${PORT_ARGS[@]}" --inbox-port "$BUSY"
    run_sh 2 "busy target simulator port names --targets-port" \
    "error: port $BUSY is already in use" "./run.sh --targets-port $((BUSY + 1))" "TARGETS_PORT=$((BUSY + 1))" \
    -- --check-only "${PORT_ARGS[@]}" --with-targets --targets-port "$BUSY"
fi

# ---- (b) a broken realm file
cp -r realm-config "$TMP/realm-bad"
# Drop the comma after the first string property (a classic hand-editing
# mistake; line numbers stay). Should the file have no such line, append junk.
sed -i '0,/",$/s//"/' "$TMP/realm-bad/demo-realm.json"
if cmp -s realm-config/demo-realm.json "$TMP/realm-bad/demo-realm.json"; then
  echo 'oops' >>"$TMP/realm-bad/demo-realm.json"
fi
run_sh 1 "broken realm JSON: names the file and a line" \
  "realm-bad/demo-realm.json is not valid JSON: line " -- --check-only "${PORT_ARGS[@]}" --realm-dir "$TMP/realm-bad"
out=$(JSON_CHECKER=java ./run.sh --check-only "${PORT_ARGS[@]}" --realm-dir "$TMP/realm-bad" 2>&1) && rc=0 || rc=$?
if [[ $rc == 1 && $out == *"realm-bad/demo-realm.json is not valid JSON: line "* ]]; then
  pass "broken realm JSON, java checker (no python3): names the file and a line"
else
  fail "broken realm JSON, java checker: exit $rc, output: $out"
fi
# REALM_DIR env works like --realm-dir
out=$(REALM_DIR="$TMP/realm-bad" ./run.sh --check-only "${PORT_ARGS[@]}" 2>&1) && rc=0 || rc=$?
if [[ $rc == 1 && $out == *"demo-realm.json is not valid JSON"* ]]; then
  pass "REALM_DIR env is honoured"
else
  fail "REALM_DIR env: exit $rc, output: $out"
fi

mkdir -p "$TMP/realm-empty"
run_sh 1 "missing realm file is named" \
  "realm file $TMP/realm-empty/demo-realm.json is missing" -- --check-only "${PORT_ARGS[@]}" --realm-dir "$TMP/realm-empty"

mkdir -p "$TMP/realm-notrealm"
echo '[1, 2]' >"$TMP/realm-notrealm/demo-realm.json"
run_sh 1 "JSON that is not a realm export is refused" \
  "is JSON but not a realm export" -- --check-only "${PORT_ARGS[@]}" --realm-dir "$TMP/realm-notrealm"

echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
