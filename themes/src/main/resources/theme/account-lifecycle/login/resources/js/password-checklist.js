// Ticks the password rules as the user types. The server checks the same rules again on submit.
// The page renders the list. On Keycloak's own password pages data-source names the realm's full rule list, from
// which the script adds only the rules Keycloak's template model cannot name (regexPattern and the like).
const list = document.getElementById("al-password-rules");
const input = document.getElementById("password-new");

const checks = {
  minLength: (pw, n) => [...pw].length >= n,
  maxLength: (pw, n) => [...pw].length <= n,
  digits: (pw, n) => (pw.match(/\p{Nd}/gu) || []).length >= n,
  lowerCase: (pw, n) => (pw.match(/\p{Ll}/gu) || []).length >= n,
  upperCase: (pw, n) => (pw.match(/\p{Lu}/gu) || []).length >= n,
  specialChars: (pw, n) => (pw.match(/[^\p{L}\p{Nd}]/gu) || []).length >= n,
  notUsername: (pw) => pw.length > 0 && pw.toLowerCase() !== (list.dataset.username || "").toLowerCase(),
  notEmail: (pw) => pw.length > 0 && pw.toLowerCase() !== (list.dataset.email || "").toLowerCase(),
};

// A rule the page has no data for (no username or email here) is left to the server.
function checkable(item) {
  const check = checks[item.dataset.check];
  if (!check) return false;
  if (item.dataset.check === "notUsername" && !list.dataset.username) return false;
  if (item.dataset.check === "notEmail" && !list.dataset.email) return false;
  return true;
}

function update() {
  const pw = input.value;
  for (const item of list.querySelectorAll("li[data-check]")) {
    if (!checkable(item)) continue;
    const met = checks[item.dataset.check](pw, Number(item.dataset.param || 0));
    item.classList.toggle("al-rule--met", met);
    item.setAttribute("aria-checked", String(met));
  }
}

function render(rules) {
  const present = new Set([...list.querySelectorAll("li[data-rule]")].map((li) => li.dataset.rule));
  for (const rule of rules) {
    if (present.has(rule.id)) continue;
    const li = document.createElement("li");
    li.className = "al-rule";
    li.dataset.rule = rule.id;
    li.dataset.check = rule.check;
    li.dataset.param = rule.parameter;
    const mark = document.createElement("span");
    mark.className = "al-rule__mark";
    mark.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.className = "al-rule__text";
    text.textContent = rule.label;
    if (rule.note) {
      const note = document.createElement("span");
      note.className = "al-rule__server";
      note.textContent = " " + rule.note;
      text.append(note);
    }
    li.append(mark, text);
    list.append(li);
  }
}

function start() {
  for (const item of list.querySelectorAll("li[data-check]")) {
    if (checkable(item)) {
      item.setAttribute("role", "checkbox");
      item.setAttribute("aria-checked", "false");
    }
  }
  input.addEventListener("input", update);
  update();
}

if (list && input) {
  start();
  if (list.dataset.source) {
    fetch(list.dataset.source, { credentials: "omit" })
      .then((response) => (response.ok ? response.json() : []))
      .then(render)
      .catch(() => {});
  }
}
