/* Lightbox for any [data-gallery] container of <a data-lightbox href="large.jpg"> links.
   Keyboard: Esc closes, ← → move, Tab stays inside, focus returns to the link. Touch: swipe left or right.
   Without this file each link simply opens the large picture. Safe to include more than once.
   Its words come from the data-lightbox-* attributes of the gallery's list, translated by the template. */
(function () {
  if (window.laomoLightbox) return;
  window.laomoLightbox = true;

  var dialog, image, caption, counter, prevButton, nextButton, closeButton;
  var links = [], index = 0, opener = null;

  var words = {};

  var build = function (gallery) {
    var source = gallery.querySelector("[data-lightbox-dialog]") || gallery;
    ["dialog", "prev", "next", "close", "count"].forEach(function (name) {
      words[name] = source.getAttribute("data-lightbox-" + name) || "";
    });
    dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", words.dialog);
    dialog.innerHTML =
      '<div class="lightbox-bar"><span class="lightbox-count" aria-live="polite"></span>' +
      '<div class="lightbox-nav"><button type="button" data-prev>←</button>' +
      '<button type="button" data-next>→</button>' +
      '<button type="button" data-close>✕ <span></span></button></div></div>' +
      '<div class="lightbox-stage"><img alt=""></div><p class="lightbox-caption"></p>';
    document.body.appendChild(dialog);
    image = dialog.querySelector("img");
    caption = dialog.querySelector(".lightbox-caption");
    counter = dialog.querySelector(".lightbox-count");
    prevButton = dialog.querySelector("[data-prev]");
    nextButton = dialog.querySelector("[data-next]");
    closeButton = dialog.querySelector("[data-close]");
    prevButton.setAttribute("aria-label", words.prev);
    nextButton.setAttribute("aria-label", words.next);
    closeButton.setAttribute("aria-label", words.close);
    closeButton.querySelector("span").textContent = words.close;
    prevButton.addEventListener("click", function () { show(index - 1); });
    nextButton.addEventListener("click", function () { show(index + 1); });
    closeButton.addEventListener("click", close);
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); close(); });  // Esc
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("click", function (event) { if (event.target === dialog || event.target.classList.contains("lightbox-stage")) close(); });
    var startX = null, startY = null;
    dialog.addEventListener("touchstart", function (event) {
      if (event.touches.length !== 1) { startX = null; return; }
      startX = event.touches[0].clientX; startY = event.touches[0].clientY;
    }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var dx = event.changedTouches[0].clientX - startX, dy = event.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) show(index + (dx < 0 ? 1 : -1));
    }, { passive: true });
  };

  var focusable = function () {
    return Array.prototype.filter.call(dialog.querySelectorAll("button"), function (b) { return !b.hidden; });
  };

  var onKey = function (event) {
    if (event.key === "ArrowLeft") { event.preventDefault(); show(index - 1); }
    else if (event.key === "ArrowRight") { event.preventDefault(); show(index + 1); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "Tab") {  // keep focus inside, even where <dialog> does not
      var items = focusable(), first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  };

  var show = function (target) {
    if (target < 0 || target >= links.length) return;
    index = target;
    var link = links[index];
    image.removeAttribute("src");
    image.removeAttribute("srcset");
    if (link.getAttribute("data-srcset")) {
      image.setAttribute("srcset", link.getAttribute("data-srcset"));
      image.setAttribute("sizes", "100vw");
    }
    image.src = link.getAttribute("href");
    image.alt = link.getAttribute("data-alt") || "";
    if (link.getAttribute("data-width")) {
      image.width = parseInt(link.getAttribute("data-width"), 10);
      image.height = parseInt(link.getAttribute("data-height"), 10);
    }
    caption.textContent = link.getAttribute("data-caption") || "";
    counter.textContent = words.count.replace("{n}", index + 1).replace("{total}", links.length);
    prevButton.hidden = index === 0;
    nextButton.hidden = index === links.length - 1;
    if (document.activeElement && document.activeElement.hidden) closeButton.focus();
  };

  var open = function (gallery, link) {
    if (!dialog) build(gallery);
    links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-lightbox]"));
    opener = link;
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
    document.documentElement.style.overflow = "hidden";
    show(links.indexOf(link));
    closeButton.focus();
  };

  var close = function () {
    if (dialog.close) dialog.close(); else dialog.removeAttribute("open");
    document.documentElement.style.overflow = "";
    if (opener) opener.focus();
  };

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("[data-gallery] a[data-lightbox]");
    if (!link) return;
    event.preventDefault();
    open(link.closest("[data-gallery]"), link);
  });
})();
