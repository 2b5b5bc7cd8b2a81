/* Oral-history pages: 播放本段 plays a segment from its start; a shared link (?t=754 on the server, #t=754 here)
   opens the recording at that second; the segment being heard is marked in the index.
   Without this file the segment links still open the page at their second (the server reads ?t=). */
(function () {
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-interview-sitting]"));
  if (!sections.length) return;

  // Django's own file serving answers no byte ranges, so nothing is seekable: the file is then fetched once and
  // played from memory (as the films' player does), where every second can be reached.
  var MAX_IN_MEMORY = 200 * 1024 * 1024;

  var player = function (section) {
    var media = section.querySelector("video, audio");
    if (!media) return null;
    var inMemory = null;
    var seekable = function () {
      var ranges = media.seekable;
      return ranges.length > 0 && ranges.end(ranges.length - 1) > 0;
    };
    var playFromMemory = function () {
      if (inMemory) return inMemory;
      var source = media.currentSrc.split("#")[0];
      inMemory = fetch(source, { credentials: "same-origin" })
        .then(function (response) {
          var size = parseInt(response.headers.get("Content-Length") || "0", 10);
          if (!response.ok || size > MAX_IN_MEMORY) throw new Error("cannot load " + source + " to seek in it");
          return response.blob();
        })
        .then(function (blob) {
          return new Promise(function (resolve) {
            media.addEventListener("loadedmetadata", resolve, { once: true });
            media.src = URL.createObjectURL(blob);
          });
        });
      return inMemory;
    };
    var seek = function (seconds, play) {
      var go = function () {
        media.currentTime = Math.min(seconds, media.duration || seconds);
        if (play) {
          var playing = media.play();
          if (playing && playing.catch) playing.catch(function () { /* autoplay refused: the visitor presses play */ });
        }
      };
      var whenReady = function () {
        if (seekable()) go();
        else playFromMemory().then(go, function (error) { console.warn(error.message); if (play) media.play(); });
      };
      if (media.readyState >= 1) whenReady();
      else media.addEventListener("loadedmetadata", whenReady, { once: true });
    };

    // The segment being heard: aria-current tells a screen reader which one, without interrupting it.
    var items = Array.prototype.slice.call(section.querySelectorAll("[data-segment-start]"));
    var starts = items.map(function (li) { return parseFloat(li.getAttribute("data-segment-start")) || 0; });
    var current = items.findIndex(function (li) { return li.classList.contains("is-current"); });
    var follow = function () {
      var t = media.currentTime, index = -1;
      for (var i = 0; i < starts.length; i++) { if (starts[i] <= t) index = i; else break; }
      if (index === current) return;
      if (current >= 0) { items[current].classList.remove("is-current"); items[current].removeAttribute("aria-current"); }
      if (index >= 0) { items[index].classList.add("is-current"); items[index].setAttribute("aria-current", "time"); }
      current = index;
    };
    media.addEventListener("timeupdate", follow);
    media.addEventListener("seeked", follow);

    section.querySelectorAll("[data-play-from]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        seek(parseFloat(button.getAttribute("data-play-from")) || 0, true);
        var link = button.parentNode.querySelector(".segment-link");
        if (link && history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
      });
    });
    return { seek: seek, number: section.getAttribute("data-sitting") };
  };

  var players = sections.map(player).filter(Boolean);
  if (!players.length) return;

  // #t=754 (the first sitting) or #s=2&t=754; else the second the server read from ?t=.
  var hash = /^#(?:s=(\d+)&)?t=(\d+(?:\.\d+)?)$/.exec(location.hash);
  if (hash) {
    var number = hash[1] || "1";
    var target = players.filter(function (p) { return p.number === number; })[0];
    if (target) target.seek(parseFloat(hash[2]), false);
    return;
  }
  sections.forEach(function (section, index) {
    var start = section.getAttribute("data-start");
    if (start !== null && parseFloat(start) > 0 && players[index]) players[index].seek(parseFloat(start), false);
  });
})();
