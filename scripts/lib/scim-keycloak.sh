# shellcheck shell=bash
# A stock Keycloak with its SCIM 2.0 server (preview feature scim-api) on loopback: a real SCIM service provider that
# the bundle's outbound SCIM client is tested against. Sourced by scripts/scim-server.sh and by tests; fine under
# set -euo pipefail. Needs java, curl, unzip and python3; mvn fetches keycloak-quarkus-dist into .run/ once, as
# scripts/lib/postgres-keycloak.sh does.
#
#   source scripts/lib/scim-keycloak.sh
#   trap scim_kc_stop EXIT
#   scim_kc_start "$PWD/.run/scim"   # unpacks (or reuses) Keycloak in that folder, starts it and waits until it is ready
#   scim_kc_setup scim-target        # realm + client; exports SCIM_BASE_URL SCIM_TOKEN_URL SCIM_CLIENT_ID SCIM_CLIENT_SECRET
#   curl -H "Authorization: Bearer $(scim_kc_token)" "$SCIM_BASE_URL/Users"
#
# The first start in a folder runs kc.sh build (--features=scim-api, about 45 s on 2 cores) and records the build
# options in <folder>/keycloak-<version>/.scim-kc-build; later starts are `start --optimized` (about 45 s to ready).
#
# Settings (environment; read by each function):
#   SCIM_KC_VERSION        Keycloak version (default 26.7.3)
#   SCIM_KC_PORT           HTTP port on 127.0.0.1 (default 18780)
#   SCIM_KC_MGMT_PORT      management port on 127.0.0.1, /health/ready (default 19780)
#   SCIM_KC_DB             dev-mem (default: an empty in-memory H2 at each start) or dev-file (H2 under data/, kept)
#   SCIM_KC_DEV            1: run `kc.sh start-dev` instead (rebuilds at every start, about 90 s)
#   SCIM_KC_OPTS           more kc.sh options for the start, split on spaces (e.g. --log-level=INFO,org.keycloak.events:debug)
#   SCIM_KC_START_TIMEOUT  seconds to wait for readiness (default 300)
#   SCIM_KC_CLIENT_ID      the confidential client that scim_kc_setup creates (default scim-client)
#   SCIM_KC_MAP_ATTRIBUTES SCIM attributes that scim_kc_setup adds to the realm's user profile, annotated with
#                          kc.scim.schema.attribute, so that the server keeps them; "enterprise:X" is the Enterprise
#                          extension's X. Default: externalId displayName nickName title userType
#                          enterprise:employeeNumber enterprise:department enterprise:organization enterprise:division
#                          enterprise:costCenter. Set it to "" (empty) for Keycloak's stock profile, which keeps only
#                          userName, name.givenName/familyName, emails (one) and active, and drops externalId.
#   SCIM_KC_ADMIN_EVENTS   1 (default): scim_kc_setup turns on the realm's admin events with representations
# After scim_kc_start: SCIM_KC_URL (http://127.0.0.1:PORT), SCIM_KC_HOME, SCIM_KC_PID, SCIM_KC_LOG, SCIM_KC_ADMIN_USER,
# SCIM_KC_ADMIN_PASSWORD (bootstrap admin of master). After scim_kc_setup also SCIM_KC_REALM.
# Helpers: scim_kc_admin_token (a master admin token), scim_kc_admin METHOD PATH [JSON] (admin REST under
# /admin/realms, prints the body, fails on a status >= 400).
#
# What the server demands (Keycloak 26.7): the realm's scimApiEnabled; a bearer token of that realm from a
# confidential client (a public client's token: 403 "Public client not allowed") whose audience holds
# <server>/realms/{realm}/scim/v2 (without it: 401 "Invalid token audience"); and realm-management roles on the token's
# user: view-users to read, manage-users to write (no role: 403 even on /ServiceProviderConfig).

SCIM_KC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCIM_KC_PID=${SCIM_KC_PID:-}

_scim_kc_defaults() {
  SCIM_KC_VERSION=${SCIM_KC_VERSION:-26.7.3}
  SCIM_KC_PORT=${SCIM_KC_PORT:-18780}
  SCIM_KC_MGMT_PORT=${SCIM_KC_MGMT_PORT:-19780}
  SCIM_KC_DB=${SCIM_KC_DB:-dev-mem}
  SCIM_KC_DEV=${SCIM_KC_DEV:-0}
  SCIM_KC_OPTS=${SCIM_KC_OPTS:-}
  SCIM_KC_START_TIMEOUT=${SCIM_KC_START_TIMEOUT:-300}
  SCIM_KC_CLIENT_ID=${SCIM_KC_CLIENT_ID:-scim-client}
  SCIM_KC_MAP_ATTRIBUTES=${SCIM_KC_MAP_ATTRIBUTES-externalId displayName nickName title userType enterprise:employeeNumber enterprise:department enterprise:organization enterprise:division enterprise:costCenter}
  SCIM_KC_ADMIN_EVENTS=${SCIM_KC_ADMIN_EVENTS:-1}
  SCIM_KC_ADMIN_USER=${SCIM_KC_ADMIN_USER:-admin}
  SCIM_KC_URL=http://127.0.0.1:$SCIM_KC_PORT
}
_scim_kc_defaults

_scim_kc_die() { echo "error: $*" >&2; return 1; }

# _scim_kc_field NAME: prints field NAME of the JSON object on stdin ([0].NAME for an array); fails quietly without it.
_scim_kc_field() {
  python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
    print((d[0] if isinstance(d, list) else d)[sys.argv[1]])
except Exception:
    sys.exit(1)' "$1"
}

# scim_kc_start <workdir>: Keycloak $SCIM_KC_VERSION in <workdir>/keycloak-<version> (unpacked once, then reused),
# built with --features=scim-api and started on 127.0.0.1 (H2 database, local caches); returns once /health/ready is
# UP. The PID (leader of its own process group) goes into SCIM_KC_PID and <workdir>/keycloak.pid, the log into
# <workdir>/keycloak.log.
scim_kc_start() {
  local work=${1:?usage: scim_kc_start <workdir>}
  _scim_kc_defaults
  local tool
  for tool in java curl unzip python3 setsid; do
    command -v "$tool" >/dev/null || { _scim_kc_die "$tool not found"; return 1; }
  done
  if [[ -n "$SCIM_KC_PID" ]] && kill -0 "$SCIM_KC_PID" 2>/dev/null; then
    _scim_kc_die "a SCIM Keycloak already runs (pid $SCIM_KC_PID)"; return 1
  fi
  if curl -s -o /dev/null --max-time 2 "$SCIM_KC_URL/" || curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$SCIM_KC_MGMT_PORT/"; then
    _scim_kc_die "127.0.0.1:$SCIM_KC_PORT or :$SCIM_KC_MGMT_PORT is in use (set SCIM_KC_PORT / SCIM_KC_MGMT_PORT)"; return 1
  fi
  mkdir -p "$work" "$SCIM_KC_ROOT/.run"
  work=$(cd "$work" && pwd)
  local zip=$SCIM_KC_ROOT/.run/keycloak-quarkus-dist-$SCIM_KC_VERSION.zip
  SCIM_KC_HOME=$work/keycloak-$SCIM_KC_VERSION
  if [[ ! -x "$SCIM_KC_HOME/bin/kc.sh" ]]; then
    if [[ ! -s "$zip" ]]; then
      echo "== fetching org.keycloak:keycloak-quarkus-dist:$SCIM_KC_VERSION into .run/"
      (cd "$SCIM_KC_ROOT" && mvn -B -q -N dependency:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$SCIM_KC_VERSION:zip" -DoutputDirectory="$SCIM_KC_ROOT/.run") \
        || { _scim_kc_die "could not fetch keycloak-quarkus-dist $SCIM_KC_VERSION"; return 1; }
    fi
    rm -rf "$work/.unpack" && mkdir -p "$work/.unpack"
    unzip -q "$zip" -d "$work/.unpack" && mv "$work/.unpack/keycloak-$SCIM_KC_VERSION" "$SCIM_KC_HOME" && rm -rf "$work/.unpack"
  fi
  SCIM_KC_LOG=$work/keycloak.log
  local started=$SECONDS mode build_opts=(--features=scim-api --db="$SCIM_KC_DB" --health-enabled=true)
  local marker=$SCIM_KC_HOME/.scim-kc-build
  if [[ "$SCIM_KC_DEV" == 1 ]]; then
    rm -f "$marker"  # start-dev leaves a dev build behind
    mode=(start-dev "${build_opts[@]}")
  else
    if [[ "$(cat "$marker" 2>/dev/null)" != "${build_opts[*]}" ]]; then
      echo "== kc.sh build ${build_opts[*]} (once per unpacked Keycloak)"
      rm -f "$marker"
      "$SCIM_KC_HOME/bin/kc.sh" build "${build_opts[@]}" >"$work/build.log" 2>&1 \
        || { tail -n 20 "$work/build.log" >&2; _scim_kc_die "kc.sh build failed"; return 1; }
      echo "${build_opts[*]}" >"$marker"
    fi
    mode=(start --optimized --http-enabled=true --hostname-strict=false)
  fi
  SCIM_KC_ADMIN_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # With dev-file the bootstrap admin is made at the first start only: keep its password beside the data.
  if [[ "$SCIM_KC_DB" == dev-file ]]; then
    if [[ -s "$work/admin-password" && -d "$SCIM_KC_HOME/data/h2" ]]; then
      SCIM_KC_ADMIN_PASSWORD=$(cat "$work/admin-password")
    else
      (umask 077 && printf '%s' "$SCIM_KC_ADMIN_PASSWORD" >"$work/admin-password")
    fi
  fi
  local extra=()
  [[ -n "$SCIM_KC_OPTS" ]] && read -r -a extra <<<"$SCIM_KC_OPTS"
  echo "== Keycloak $SCIM_KC_VERSION with SCIM on $SCIM_KC_URL (management :$SCIM_KC_MGMT_PORT, db $SCIM_KC_DB); log $SCIM_KC_LOG"
  # No job control while starting, so that setsid does not fork and $! is the new session's leader.
  local monitor=0
  [[ $- == *m* ]] && { monitor=1; set +m; }
  KC_BOOTSTRAP_ADMIN_USERNAME=$SCIM_KC_ADMIN_USER KC_BOOTSTRAP_ADMIN_PASSWORD=$SCIM_KC_ADMIN_PASSWORD \
    setsid "$SCIM_KC_HOME/bin/kc.sh" "${mode[@]}" --cache=local \
    --http-host=127.0.0.1 --http-port="$SCIM_KC_PORT" \
    --http-management-host=127.0.0.1 --http-management-port="$SCIM_KC_MGMT_PORT" \
    --log-level=INFO,io.smallrye.health:WARN "${extra[@]}" </dev/null >"$SCIM_KC_LOG" 2>&1 &
  SCIM_KC_PID=$!
  [[ $monitor == 1 ]] && set -m
  echo "$SCIM_KC_PID" >"$work/keycloak.pid"
  while (( SECONDS - started < SCIM_KC_START_TIMEOUT )); do
    if curl -sf --max-time 2 "http://127.0.0.1:$SCIM_KC_MGMT_PORT/health/ready" >/dev/null 2>&1; then
      echo "== Keycloak ready after $(( SECONDS - started )) s"
      export SCIM_KC_URL SCIM_KC_HOME SCIM_KC_PID SCIM_KC_LOG SCIM_KC_ADMIN_USER SCIM_KC_ADMIN_PASSWORD
      return 0
    fi
    if ! kill -0 "$SCIM_KC_PID" 2>/dev/null; then
      tail -n 30 "$SCIM_KC_LOG" >&2; SCIM_KC_PID=
      _scim_kc_die "Keycloak exited while starting"; return 1
    fi
    sleep 2
  done
  tail -n 30 "$SCIM_KC_LOG" >&2
  scim_kc_stop
  _scim_kc_die "Keycloak was not ready after $SCIM_KC_START_TIMEOUT s"
}

# scim_kc_stop: stops the Keycloak that scim_kc_start started (its process group: TERM, KILL after 30 s), if any.
# Safe to call twice and from an EXIT trap.
scim_kc_stop() {
  local pid=${SCIM_KC_PID:-} n=0
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && (( n < 30 )); do sleep 1; n=$(( n + 1 )); done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  fi
  SCIM_KC_PID=
  return 0
}

# scim_kc_admin_token: prints an access token of master's bootstrap admin (admin-cli, password grant).
scim_kc_admin_token() {
  _scim_kc_defaults
  curl -sf -d grant_type=password -d client_id=admin-cli --data-urlencode "username=$SCIM_KC_ADMIN_USER" \
    --data-urlencode "password=$SCIM_KC_ADMIN_PASSWORD" "$SCIM_KC_URL/realms/master/protocol/openid-connect/token" \
    | _scim_kc_field access_token
}

# scim_kc_admin METHOD PATH [JSON]: an admin REST call to $SCIM_KC_URL/admin/realms$PATH with a fresh admin token;
# prints the response body and fails on a status >= 400.
scim_kc_admin() {
  local method=$1 path=$2 body=${3:-} out status token
  # scim_kc_setup fetches one token for its calls (those run in subshells, so they cannot cache it themselves).
  if [[ -n "${_SCIM_KC_ADMIN_TOKEN:-}" ]] && (( SECONDS - ${_SCIM_KC_ADMIN_TOKEN_AT:-0} < 45 )); then
    token=$_SCIM_KC_ADMIN_TOKEN
  else
    token=$(scim_kc_admin_token) || { _scim_kc_die "admin login to $SCIM_KC_URL failed"; return 1; }
  fi
  out=$(mktemp)
  local args=(-s -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  status=$(curl "${args[@]}" "$SCIM_KC_URL/admin/realms$path") || status=000
  cat "$out"; rm -f "$out"
  [[ "$status" -lt 400 ]] || { echo >&2; _scim_kc_die "$method /admin/realms$path answered $status"; return 1; }
}

# scim_kc_setup <realm>: creates the realm anew (an existing one of that name is deleted) with scimApiEnabled, admin
# events on (SCIM_KC_ADMIN_EVENTS), the user-profile attributes of SCIM_KC_MAP_ATTRIBUTES, and a confidential client
# SCIM_KC_CLIENT_ID (client credentials only) whose service account holds realm-management manage-users, view-users,
# query-users and query-groups and whose tokens carry the SCIM base URL as audience. Exports SCIM_BASE_URL,
# SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET and SCIM_KC_REALM.
scim_kc_setup() {
  local realm=${1:?usage: scim_kc_setup <realm>}
  _scim_kc_defaults
  local base=$SCIM_KC_URL/realms/$realm/scim/v2
  _SCIM_KC_ADMIN_TOKEN=$(scim_kc_admin_token) || { _scim_kc_die "admin login to $SCIM_KC_URL failed"; return 1; }
  _SCIM_KC_ADMIN_TOKEN_AT=$SECONDS
  if scim_kc_admin GET "/$realm" >/dev/null 2>&1; then
    scim_kc_admin DELETE "/$realm" >/dev/null || return 1
  fi
  local events=false
  [[ "$SCIM_KC_ADMIN_EVENTS" == 1 ]] && events=true
  scim_kc_admin POST "" "$(REALM=$realm EVENTS=$events python3 -c '
import json, os
ev = os.environ["EVENTS"] == "true"
print(json.dumps({"realm": os.environ["REALM"], "enabled": True, "scimApiEnabled": True,
                  "adminEventsEnabled": ev, "adminEventsDetailsEnabled": ev}))')" >/dev/null || return 1
  if [[ -n "${SCIM_KC_MAP_ATTRIBUTES// /}" ]]; then
    local profile
    profile=$(scim_kc_admin GET "/$realm/users/profile") || return 1
    profile=$(MAP=$SCIM_KC_MAP_ATTRIBUTES python3 -c '
import json, os, sys
up = json.load(sys.stdin)
enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
have = {a["name"] for a in up["attributes"]}
for item in os.environ["MAP"].split():
    # Keycloak 26.7 splits the annotation at its last ":" into schema and attribute: an Enterprise attribute is
    # "<enterprise URN>:employeeNumber", a core one is just its name.
    name = item.split(":", 1)[1] if item.startswith("enterprise:") else item
    scim = enterprise + ":" + name if item.startswith("enterprise:") else item
    if name in have:
        continue
    up["attributes"].append({"name": name, "displayName": name, "multivalued": False,
                             "permissions": {"view": ["admin"], "edit": ["admin"]},
                             "annotations": {"kc.scim.schema.attribute": scim}})
print(json.dumps(up))' <<<"$profile") || return 1
    scim_kc_admin PUT "/$realm/users/profile" "$profile" >/dev/null || return 1
  fi
  scim_kc_admin POST "/$realm/clients" "$(CID=$SCIM_KC_CLIENT_ID AUD=$base python3 -c '
import json, os
print(json.dumps({
  "clientId": os.environ["CID"], "protocol": "openid-connect", "enabled": True,
  "publicClient": False, "clientAuthenticatorType": "client-secret",
  "serviceAccountsEnabled": True, "standardFlowEnabled": False, "directAccessGrantsEnabled": False,
  "protocolMappers": [{"name": "scim-audience", "protocol": "openid-connect",
    "protocolMapper": "oidc-audience-mapper",
    "config": {"included.custom.audience": os.environ["AUD"], "access.token.claim": "true",
               "id.token.claim": "false", "introspection.token.claim": "true"}}]}))')" >/dev/null || return 1
  local cuuid secret sa rm_uuid roles
  cuuid=$(scim_kc_admin GET "/$realm/clients?clientId=$SCIM_KC_CLIENT_ID" | _scim_kc_field id) || return 1
  secret=$(scim_kc_admin GET "/$realm/clients/$cuuid/client-secret" | _scim_kc_field value) || return 1
  sa=$(scim_kc_admin GET "/$realm/clients/$cuuid/service-account-user" | _scim_kc_field id) || return 1
  rm_uuid=$(scim_kc_admin GET "/$realm/clients?clientId=realm-management" | _scim_kc_field id) || return 1
  roles=$(scim_kc_admin GET "/$realm/clients/$rm_uuid/roles" | python3 -c '
import json, sys
want = {"manage-users", "view-users", "query-users", "query-groups"}
print(json.dumps([r for r in json.load(sys.stdin) if r["name"] in want]))') || return 1
  scim_kc_admin POST "/$realm/users/$sa/role-mappings/clients/$rm_uuid" "$roles" >/dev/null || return 1
  _SCIM_KC_ADMIN_TOKEN=
  SCIM_KC_REALM=$realm
  SCIM_BASE_URL=$base
  SCIM_TOKEN_URL=$SCIM_KC_URL/realms/$realm/protocol/openid-connect/token
  SCIM_CLIENT_ID=$SCIM_KC_CLIENT_ID
  SCIM_CLIENT_SECRET=$secret
  export SCIM_KC_REALM SCIM_BASE_URL SCIM_TOKEN_URL SCIM_CLIENT_ID SCIM_CLIENT_SECRET
}

# scim_kc_token: prints a fresh access token for the SCIM API (client credentials grant of SCIM_CLIENT_ID).
scim_kc_token() {
  [[ -n "${SCIM_TOKEN_URL:-}" && -n "${SCIM_CLIENT_ID:-}" && -n "${SCIM_CLIENT_SECRET:-}" ]] \
    || { _scim_kc_die "run scim_kc_setup first (SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET)"; return 1; }
  curl -sf -d grant_type=client_credentials --data-urlencode "client_id=$SCIM_CLIENT_ID" \
    --data-urlencode "client_secret=$SCIM_CLIENT_SECRET" "$SCIM_TOKEN_URL" | _scim_kc_field access_token \
    || { _scim_kc_die "no token from $SCIM_TOKEN_URL for client $SCIM_CLIENT_ID"; return 1; }
}
