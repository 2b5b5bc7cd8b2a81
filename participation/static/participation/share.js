/* Share panel: copy the link, the phone's own share sheet, and printing the card. Works without it too.
   What it announces comes from the panel's data-msg-* attributes, translated by the template. */
(function () {
  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-share-copy"));
    var panel = button.closest(".share-panel");
    var status = panel && panel.querySelector("[data-share-status]");
    var message = function (name) { return (status && status.getAttribute("data-msg-" + name)) || ""; };
    var announce = function (text) { if (status) status.textContent = text; };
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var fallback = function () {
        field.focus();
        field.select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        announce(message(copied ? "copied" : "selected"));
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { announce(message("clipboard")); }, fallback);
      } else {
        fallback();
      }
    });
  });

  if (navigator.share) {
    document.querySelectorAll("[data-share-native]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-share-title"), url: button.getAttribute("data-share-url") })
          .catch(function () { /* the visitor closed the share sheet */ });
      });
    });
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
