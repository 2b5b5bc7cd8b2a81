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
