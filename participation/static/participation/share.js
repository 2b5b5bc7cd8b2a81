/* Share panel: copy the link, the phone's own share sheet, and printing the card. Works without it too. */
(function () {
  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-share-copy"));
    var panel = button.closest(".share-panel");
    var status = panel && panel.querySelector("[data-share-status]");
    var announce = function (message) { if (status) status.textContent = message; };
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var fallback = function () {
        field.focus();
        field.select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        announce(copied ? "链接已复制。" : "链接已选中，请长按或按 Ctrl+C 复制。");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { announce("链接已复制，可以粘贴给亲友。"); }, fallback);
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
