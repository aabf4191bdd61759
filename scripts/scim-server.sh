#!/usr/bin/env bash
# A real SCIM 2.0 service provider for the bundle's outbound SCIM client: a stock Keycloak 26.7.3 with its SCIM server
# (preview feature scim-api) on loopback, with a realm (scim-target unless one is named) that has the SCIM API on, a
# confidential client with a service account holding realm-management manage-users, and the audience mapper the
# server demands. Prints SCIM_BASE_URL, SCIM_TOKEN_URL, SCIM_CLIENT_ID and SCIM_CLIENT_SECRET (also written, with the
# admin login, to .run/scim/scim.env for `source` in another shell), then waits; Ctrl-C stops Keycloak.
#
#   scripts/scim-server.sh [realm]
#   source .run/scim/scim.env && curl -s -d grant_type=client_credentials -d "client_id=$SCIM_CLIENT_ID" \
#     -d "client_secret=$SCIM_CLIENT_SECRET" "$SCIM_TOKEN_URL"
#
# Needs java, curl, unzip and python3; mvn fetches keycloak-quarkus-dist into .run/ once. Loopback ports only:
# SCIM_KC_PORT (18780) and SCIM_KC_MGMT_PORT (19780); the other settings are in scripts/lib/scim-keycloak.sh. Keycloak
# is unpacked and built once under .run/scim (about 90 s the first time, then about 45 s to ready); its database is
# in memory, so every start begins empty.
set -euo pipefail
cd "$(dirname "$0")/.."

REALM=${1:-scim-target}
WORK=$PWD/.run/scim
# shellcheck source=scripts/lib/scim-keycloak.sh
source scripts/lib/scim-keycloak.sh

trap 'scim_kc_stop; rm -f "$WORK/scim.env"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
scim_kc_start "$WORK"
scim_kc_setup "$REALM"

for var in SCIM_BASE_URL SCIM_TOKEN_URL SCIM_CLIENT_ID SCIM_CLIENT_SECRET; do
  printf 'export %s=%q\n' "$var" "${!var}"
done | tee "$WORK/scim.env"
# and, for scim_kc_admin / scim_kc_token in another shell that sources scripts/lib/scim-keycloak.sh:
for var in SCIM_KC_URL SCIM_KC_PORT SCIM_KC_MGMT_PORT SCIM_KC_REALM SCIM_KC_ADMIN_USER SCIM_KC_ADMIN_PASSWORD; do
  printf 'export %s=%q\n' "$var" "${!var}"
done >>"$WORK/scim.env"
echo "== admin console $SCIM_KC_URL/admin (user $SCIM_KC_ADMIN_USER, password $SCIM_KC_ADMIN_PASSWORD); log $SCIM_KC_LOG"
echo "== running (pid $SCIM_KC_PID); Ctrl-C stops it"
wait "$SCIM_KC_PID" || true
echo "error: Keycloak stopped by itself; last lines of its log:"
tail -n 20 "$SCIM_KC_LOG"
exit 1
