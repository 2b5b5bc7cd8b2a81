/* Film pages: timestamps and chapters seek the player; the transcript and chapters follow the film.
   Without this file the timestamps are plain #t= links and the native <video controls> still work. */
(function () {
  var figure = document.querySelector("[data-film-player]");
  var video = figure && figure.querySelector("video");
  if (!video) return;

  // A browser can jump only in a file whose server answers byte-range requests (nginx, S3, every CDN, and the
  // app's own uploads view: core/ranged_serve.py). Where one does not, the browser reports nothing seekable, so
  // the file is fetched once and played from memory, where every second can be reached.
  var MAX_IN_MEMORY = 200 * 1024 * 1024;
  var inMemory = null;
  var seekable = function () {
    var ranges = video.seekable;
    return ranges.length > 0 && ranges.end(ranges.length - 1) > 0;
  };
  var playFromMemory = function () {
    if (inMemory) return inMemory;
    var source = video.currentSrc;
    inMemory = fetch(source, { credentials: "same-origin" })
      .then(function (response) {
        var size = parseInt(response.headers.get("Content-Length") || "0", 10);
        if (!response.ok || size > MAX_IN_MEMORY) throw new Error("cannot load " + source + " to seek in it");
        return response.blob();
      })
      .then(function (blob) {
        return new Promise(function (resolve) {
          video.addEventListener("loadedmetadata", resolve, { once: true });
          video.src = URL.createObjectURL(blob);
        });
      });
    return inMemory;
  };

  var seek = function (seconds, play) {
    var go = function () {
      video.currentTime = Math.min(seconds, video.duration || seconds);
      if (play) {
        var playing = video.play();
        if (playing && playing.catch) playing.catch(function () { /* autoplay refused: the visitor presses play */ });
      }
    };
    var whenReady = function () {
      if (seekable()) go();
      else playFromMemory().then(go, function (error) { console.warn(error.message); if (play) video.play(); });
    };
    if (video.readyState >= 1) whenReady();
    else video.addEventListener("loadedmetadata", whenReady, { once: true });
  };

  document.querySelectorAll("[data-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      seek(parseFloat(link.getAttribute("data-seek")) || 0, true);
      video.focus({ preventScroll: true });
      figure.scrollIntoView({ block: "nearest", behavior: "smooth" });
      if (history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
    });
  });

  // A shared link such as …/film/#t=75 starts there.
  var match = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash);
  if (match) seek(parseFloat(match[1]), false);

  // Mark the transcript line being spoken and the chapter being shown. aria-current tells a screen reader
  // which line is current when it reaches the list, without interrupting it while the film plays.
  var follow = function (items, startOf) {
    var starts = items.map(startOf);
    var current = -1;
    return function (t) {
      var index = -1;
      for (var i = 0; i < starts.length; i++) { if (starts[i] <= t) index = i; else break; }
      if (index === current) return;
      if (current >= 0) { items[current].classList.remove("is-current"); items[current].removeAttribute("aria-current"); }
      if (index >= 0) { items[index].classList.add("is-current"); items[index].setAttribute("aria-current", "time"); }
      current = index;
    };
  };
  var lines = Array.prototype.slice.call(document.querySelectorAll("[data-transcript] li[data-start]"));
  var chapters = Array.prototype.slice.call(document.querySelectorAll(".film-chapters li"));
  var followers = [
    follow(lines, function (li) { return parseFloat(li.getAttribute("data-start")) || 0; }),
    follow(chapters, function (li) {
      var link = li.querySelector("[data-seek]");
      return link ? parseFloat(link.getAttribute("data-seek")) || 0 : Infinity;
    }),
  ];
  var update = function () {
    for (var i = 0; i < followers.length; i++) followers[i](video.currentTime);
  };
  video.addEventListener("timeupdate", update);
  video.addEventListener("seeked", update);
})();
