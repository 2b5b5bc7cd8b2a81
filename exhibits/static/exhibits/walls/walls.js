/* 劳模墙: panels fetched in place, the highlighted name centred, zoom, print. Every page works without this file:
   panels are links (?panel=N), a highlighted name is reached with #highlighted, the finder is a plain form. */
(function () {
  "use strict";
  var ZOOM_STEPS = [0.6, 0.75, 0.9, 1, 1.2, 1.45, 1.75, 2.1];
  var DEFAULT_ZOOM = 3;
  var zoom = DEFAULT_ZOOM;
  try {
    var saved = parseInt(sessionStorage.getItem("laomo-wall-zoom"), 10);
    if (saved >= 0 && saved < ZOOM_STEPS.length) zoom = saved;
  } catch (e) { /* storage disabled: default zoom */ }

  function viewer() { return document.getElementById("wall-viewer"); }

  function applyZoom() {
    var viewport = document.querySelector(".wall-viewport");
    if (viewport) viewport.style.setProperty("--wall-zoom", String(ZOOM_STEPS[zoom]));
  }

  function centreHighlight() {
    var target = document.getElementById("highlighted");
    if (!target) return false;
    target.scrollIntoView({ block: "center", inline: "center" });
    target.focus({ preventScroll: true });
    return true;
  }

  function enhance() {
    var tools = document.querySelector("[data-wall-tools]");
    if (tools) tools.hidden = false;
    applyZoom();
  }

  function loadPanel(href, push) {
    var current = viewer();
    var url = new URL(href, window.location.href);
    var number = parseInt(url.searchParams.get("panel"), 10);
    if (!current || !number || url.pathname !== window.location.pathname) {
      window.location.href = href;
      return;
    }
    var query = new URLSearchParams();
    ["highlight", "view"].forEach(function (name) {
      if (url.searchParams.get(name)) query.set(name, url.searchParams.get(name));
    });
    var fragment = current.getAttribute("data-fragment-base") + number + "/" + (query.toString() ? "?" + query : "");
    current.setAttribute("aria-busy", "true");
    fetch(fragment, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#wall-viewer");
        if (!fresh) throw new Error("no panel");
        current.replaceWith(fresh);
        if (push) window.history.pushState({ wallPanel: number }, "", url.pathname + url.search + url.hash);
        // The viewers carry their panel's name ("第 3 块" or its translation) for the page title.
        document.title = document.title.replace(current.getAttribute("data-panel-title"), fresh.getAttribute("data-panel-title"));
        enhance();
        if (!centreHighlight()) fresh.querySelector("#panel-heading").focus();
      })
      .catch(function () { window.location.href = href; });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var zoomButton = target.closest("[data-wall-zoom]");
    if (zoomButton) {
      var step = parseInt(zoomButton.getAttribute("data-wall-zoom"), 10);
      zoom = step === 0 ? DEFAULT_ZOOM : Math.min(ZOOM_STEPS.length - 1, Math.max(0, zoom + step));
      try { sessionStorage.setItem("laomo-wall-zoom", String(zoom)); } catch (e) { /* not remembered */ }
      applyZoom();
      return;
    }
    if (target.closest("[data-print]")) {
      window.print();
      return;
    }
    var link = target.closest("a[data-wall-panel], a[data-wall-panel-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (!window.fetch || !window.history.pushState) return;
    event.preventDefault();
    loadPanel(link.href, true);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("wall-jump") || !window.fetch) return;
    event.preventDefault();
    var url = new URL(form.action, window.location.href);
    new FormData(form).forEach(function (value, name) { url.searchParams.set(name, value); });
    loadPanel(url.href, true);
  });

  window.addEventListener("popstate", function () {
    var url = new URL(window.location.href);
    if (!viewer()) return;
    if (!url.searchParams.get("panel")) url.searchParams.set("panel", "1");
    loadPanel(url.href, false);
  });

  document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
  enhance();
  centreHighlight();
})();
