/* Small progressive enhancements; every page works without this file. */
(function () {
  var root = document.documentElement;
  document.querySelectorAll("[data-text-size-toggle]").forEach(function (button) {
    var sync = function () { button.setAttribute("aria-pressed", root.classList.contains("text-large") ? "true" : "false"); };
    sync();
    button.addEventListener("click", function () {
      var large = root.classList.toggle("text-large");
      try { localStorage.setItem("laomo-text-size", large ? "large" : "normal"); } catch (e) { /* not remembered */ }
      sync();
    });
  });
})();
