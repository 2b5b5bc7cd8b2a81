/* Small progressive enhancements; every page works without this file. */
(function () {
  /* 长辈模式 switch: in the page instead of the round trip the form makes without JavaScript. */
  var toggles = document.querySelectorAll("[data-elder-toggle]");
  var prefs = window.laomoPrefs;
  if (!prefs) return;
  var sync = function () {
    var on = prefs.elder();
    toggles.forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      var field = button.form && button.form.querySelector("[data-elder-on]");
      if (field) field.value = on ? "0" : "1";
    });
  };
  toggles.forEach(function (button) {
    if (!button.form) return;
    button.form.addEventListener("submit", function (event) {
      event.preventDefault();
      prefs.setElder(!prefs.elder());
      sync();
    });
  });
  sync();
})();

/* Phone header: 菜单 opens and closes the menu (a disclosure button: aria-expanded); Escape closes it and gives
   the focus back to the button; 搜索 opens it at the search box (or goes to the search page's own box). */
(function () {
  var button = document.querySelector("[data-menu-toggle]");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  var setOpen = function (open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  };
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
  var search = document.querySelector("[data-search-open]");
  if (!search) return;
  search.addEventListener("click", function (event) {
    var own = document.querySelector("[data-page-search] input[type=search]");
    var inMenu = menu.querySelector("input[type=search]");
    var box = own || inMenu;
    if (!box) return;
    event.preventDefault();
    if (!own) setOpen(true);
    box.focus();
  });
})();

/* Filters start folded behind their summary (筛选), so on a phone the results come first; on a screen at least
   as wide as the element's data-open-when-wide, where they sit beside the results, they are opened. */
(function () {
  document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) {
    var wide = window.matchMedia("(min-width: " + details.getAttribute("data-open-when-wide") + ")");
    var open = function () { if (wide.matches) details.open = true; };
    open();
    if (wide.addEventListener) wide.addEventListener("change", open);
  });
})();
