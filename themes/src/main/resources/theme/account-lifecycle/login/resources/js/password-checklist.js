// Ticks the password rules as the user types. The server checks the same rules again on submit.
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

function update() {
  const pw = input.value;
  for (const item of list.querySelectorAll("li[data-check]")) {
    const check = checks[item.dataset.check];
    if (!check) {
      continue; // checked by the server only
    }
    const met = check(pw, Number(item.dataset.param || 0));
    item.classList.toggle("al-rule--met", met);
    item.setAttribute("aria-checked", String(met));
  }
}

if (list && input) {
  for (const item of list.querySelectorAll("li[data-check]")) {
    if (checks[item.dataset.check]) {
      item.setAttribute("role", "checkbox");
      item.setAttribute("aria-checked", "false");
    }
  }
  input.addEventListener("input", update);
  update();
}
