#!/usr/bin/env bash
# Fast static check of docker-compose.yml (no Docker needed): it parses as YAML,
# the services are wired as the README says, every host path it mounts exists
# (or is made by scripts/stage-providers.sh), and every ${VAR} it uses is in
# .env.example and the other way round. Last line: "N passed, N failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# A python3 with PyYAML: the one on PATH, else Debian's (installed when root in CI).
PY=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' >/dev/null 2>&1; then
    PY=$candidate; break
  fi
done
if [[ -z "$PY" ]]; then
  if [[ "${CI:-}" == true && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing python3-yaml (Debian) to parse docker-compose.yml"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null
    /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 && PY=/usr/bin/python3
  fi
fi
if [[ -z "$PY" ]]; then
  echo "error: need python3 with PyYAML to parse docker-compose.yml (Debian: apt-get install python3-yaml)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# Providers are staged when the jars are built (CI builds before this runs).
STAGE_NOTE=""
if ls providers/target/account-lifecycle-providers-*.jar themes/target/account-lifecycle-themes-*.jar >/dev/null 2>&1; then
  bash scripts/stage-providers.sh >/dev/null
else
  STAGE_NOTE="jars not built yet"
fi

KC_VERSION=$(sed -n 's:.*<keycloak.version>\([^<]*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)

STAGE_NOTE="$STAGE_NOTE" KC_VERSION="$KC_VERSION" "$PY" - <<'PY'
import os, re, sys
import yaml

passed = failed = 0
def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS: {what}")
    else:
        failed += 1
        print(f"FAIL: {what}" + (f": {detail}" if detail else ""))

def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

text = open("docker-compose.yml", encoding="utf-8").read()
try:
    doc = yaml.safe_load(text)
    check(isinstance(doc, dict) and isinstance(doc.get("services"), dict),
          "docker-compose.yml parses as YAML with a services map")
except yaml.YAMLError as e:
    check(False, "docker-compose.yml parses as YAML", str(e).replace("\n", " "))
    finish()
services = doc.get("services") or {}

for name in ("postgres", "keycloak", "mailpit"):
    check(name in services, f"service '{name}' is defined")
kc = services.get("keycloak") or {}

def env_of(svc):
    env = svc.get("environment") or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
    return {k: str(v) for k, v in env.items()}
kc_env = env_of(kc)

want_image = f"quay.io/keycloak/keycloak:{os.environ['KC_VERSION']}"
check(kc.get("image") == want_image, f"keycloak image is {want_image} (pom keycloak.version)",
      f"found {kc.get('image')}")
cmd = kc.get("command")
cmd = " ".join(cmd) if isinstance(cmd, list) else str(cmd or "")
check(cmd.split()[:1] == ["start"] and "--import-realm" in cmd and "--optimized" not in cmd,
      "keycloak runs 'start --import-realm' (not --optimized: the build step must see the staged jars)",
      f"command is '{cmd}'")
check(kc_env.get("KC_DB") == "postgres" and "postgres:5432" in kc_env.get("KC_DB_URL", ""),
      "keycloak uses the postgres service", f"KC_DB={kc_env.get('KC_DB')} KC_DB_URL={kc_env.get('KC_DB_URL')}")
smtp_host = kc_env.get("ACCOUNT_LIFECYCLE_SMTP_HOST")
check(smtp_host in services and kc_env.get("ACCOUNT_LIFECYCLE_SMTP_PORT") == "1025",
      "realm SMTP points at the mailpit service (port 1025)",
      f"ACCOUNT_LIFECYCLE_SMTP_HOST={smtp_host} PORT={kc_env.get('ACCOUNT_LIFECYCLE_SMTP_PORT')}")
for var in ("KC_DB_PASSWORD", "KC_BOOTSTRAP_ADMIN_PASSWORD"):
    check(":?" in kc_env.get(var, ""), f"{var} is required (${{VAR:?...}}), never defaulted",
          f"{var}={kc_env.get(var)}")

# Host paths mounted by the services.
named_volumes = set((doc.get("volumes") or {}).keys())
mounts = {}
for sname, svc in services.items():
    for v in svc.get("volumes") or []:
        if isinstance(v, dict):
            src, dst = v.get("source", ""), v.get("target", "")
        else:
            parts = str(v).split(":")
            src, dst = (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])
        if not src or src in named_volumes:
            continue
        mounts[dst] = src
        if src.rstrip("/") == "./deploy/providers":
            note = os.environ.get("STAGE_NOTE")
            if note:
                print(f"note: {src} is created by scripts/stage-providers.sh ({note})")
                check(True, f"{sname}: {src} is produced by scripts/stage-providers.sh")
            else:
                jars = sorted(f for f in os.listdir(src) if f.endswith(".jar")) if os.path.isdir(src) else []
                check(any(j.startswith("account-lifecycle-providers-") for j in jars)
                      and any(j.startswith("account-lifecycle-themes-") for j in jars),
                      f"{sname}: {src} holds the staged provider and theme jars", f"found {jars}")
        else:
            check(os.path.exists(src), f"{sname}: mounted host path {src} exists")
check(mounts.get("/opt/keycloak/providers", "").rstrip("/") == "./deploy/providers",
      "keycloak mounts ./deploy/providers at /opt/keycloak/providers")
realm_src = mounts.get("/opt/keycloak/data/import", "")
check(realm_src.rstrip("/") == "./realm-config" and os.path.isfile("realm-config/demo-realm.json"),
      "keycloak imports ./realm-config (with demo-realm.json) from /opt/keycloak/data/import")

# ${VAR} used in the compose file vs .env.example ($${...} is an escaped literal).
used = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
example = set()
for line in open(".env.example", encoding="utf-8"):
    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)=", line)
    if m:
        example.add(m.group(1))
missing = sorted(used - example)
check(not missing, "every ${VAR} in docker-compose.yml is listed in .env.example", f"missing: {missing}")
unused = sorted(example - used)
check(not unused, "every variable in .env.example is used by docker-compose.yml", f"unused: {unused}")
finish()
PY
