#!/usr/bin/env bash
# Starts the bundle the way organisations install it (./run.sh: jars in providers/, kc.sh build,
# realm-config imported with --import-realm, GreenMail, the web inbox, the Odoo simulator), walks an activation
# over HTTP with scripts/smoke-installed.py, then walks the people's paths in Debian's Chromium with
# scripts/browser/walk.js (screenshots in docs/screenshots/), and stops everything again.
# Uses its own ports and a fresh .run/ data folder.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-18085}
MGMT_PORT=${SMOKE_MANAGEMENT_PORT:-19005}
SMTP_PORT=${SMOKE_SMTP_PORT:-13025}
MAIL_PORT=${SMOKE_MAIL_PORT:-18025}
INBOX_PORT=${SMOKE_INBOX_PORT:-18024}
ODOO_PORT=${SMOKE_ODOO_PORT:-18069}
LOG=$(mktemp)

command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }

rm -rf .run/keycloak-*/data/h2   # a fresh database, so realm-config is imported as is
setsid ./run.sh --skip-build --port "$PORT" --management-port "$MGMT_PORT" \
  --smtp-port "$SMTP_PORT" --mail-port "$MAIL_PORT" --inbox-port "$INBOX_PORT" \
  --with-odoo --odoo-port "$ODOO_PORT" > "$LOG" 2>&1 &
RUN_PID=$!
stop() {
  kill -TERM "$RUN_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 1; done
}
trap stop EXIT

for _ in $(seq 1 120); do
  if grep -q "is running" "$LOG"; then break; fi
  if ! kill -0 "$RUN_PID" 2>/dev/null; then cat "$LOG"; echo "run.sh stopped before Keycloak was ready"; exit 1; fi
  sleep 2
done
grep -q "is running" "$LOG" || { cat "$LOG"; echo "Keycloak did not become ready"; exit 1; }

# Both walks run even when the first fails, so one CI run reports everything a person would meet.
smoke=0
python3 scripts/smoke-installed.py --port "$PORT" --mail-port "$MAIL_PORT" || smoke=$?

# The people's paths in a real browser: Debian's Chromium driven by playwright-core from npm.
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
mkdir -p .run/browser-checks && cp scripts/browser/package.json .run/browser-checks/
(cd .run/browser-checks && npm install --silent --no-audit --no-fund >/dev/null)
NODE_PATH=.run/browser-checks/node_modules node scripts/browser/walk.js --port "$PORT" --mail-port "$MAIL_PORT" \
  --inbox-port "$INBOX_PORT" --odoo-port "$ODOO_PORT" || smoke=$?
exit "$smoke"
