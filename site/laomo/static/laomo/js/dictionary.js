/* Dictionary pages: copy citations. Everything works without this file. */
(function () {
  var status = document.querySelector("[data-copy-status]");
  var announce = function (message) { if (status) status.textContent = message; };
  var selectText = function (element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      var fallback = function () {
        selectText(source);
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        announce(copied ? "已复制。" : "已选中文字，请长按或按 Ctrl+C 复制。");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { announce("已复制，可以粘贴到文档里。"); }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
