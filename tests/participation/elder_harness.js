// Runs prefs.js and site.js against a minimal fake page and prints what they did, as JSON (test_elder_js.py).
const fs = require("fs");
const path = require("path");
const STATIC = path.join(__dirname, "..", "..", "site", "laomo", "static", "laomo", "js");

function page(cookie, storage) {
  const classes = new Set(["no-js"]);
  const writes = [];
  const attributes = { "aria-pressed": "false" };
  const field = { value: "1" };
  const handlers = {};
  const form = {
    addEventListener: (type, fn) => { handlers[type] = fn; },
    querySelector: () => field,
  };
  const button = { form, setAttribute: (name, value) => { attributes[name] = value; } };
  const document = {
    documentElement: { classList: {
      remove: (c) => classes.delete(c),
      contains: (c) => classes.has(c),
      toggle: (c, force) => { if (force) classes.add(c); else classes.delete(c); return force; },
    } },
    querySelector: () => null,  // the page has no phone menu
    querySelectorAll: (selector) => (selector === "[data-elder-toggle]" ? [button] : []),
  };
  Object.defineProperty(document, "cookie", { get: () => cookie, set: (value) => writes.push(value) });
  const localStorage = {
    getItem: (key) => (key in storage ? storage[key] : null),
    setItem: (key, value) => { storage[key] = value; },
  };
  const window = {};
  const run = (file) => new Function("document", "localStorage", "location", "window", fs.readFileSync(path.join(STATIC, file), "utf8"))(
    document, localStorage, { protocol: "https:" }, window,
  );
  run("prefs.js");
  const afterPrefs = { classes: [...classes], writes: [...writes] };
  run("site.js");
  const afterLoad = { pressed: attributes["aria-pressed"], on: field.value };
  handlers.submit({ preventDefault: () => {} });
  return {
    afterPrefs,
    afterLoad,
    afterClick: { classes: [...classes], pressed: attributes["aria-pressed"], on: field.value, writes, storage },
  };
}

const [cookie, storage] = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(page(cookie, storage)));
