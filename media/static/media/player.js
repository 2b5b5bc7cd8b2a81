/* Film pages: timestamps and chapters seek the player; the transcript follows the film.
   Without this file the timestamps are plain #t= links and the native <video controls> still work. */
(function () {
  var figure = document.querySelector("[data-film-player]");
  var video = figure && figure.querySelector("video");
  if (!video) return;

  var seek = function (seconds, play) {
    var go = function () {
      video.currentTime = Math.min(seconds, video.duration || seconds);
      if (play) {
        var playing = video.play();
        if (playing && playing.catch) playing.catch(function () { /* autoplay refused: the visitor presses play */ });
      }
    };
    if (video.readyState >= 1) go();
    else video.addEventListener("loadedmetadata", go, { once: true });
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

  // Highlight the transcript line being spoken (visual only; screen readers are not interrupted).
  var lines = Array.prototype.slice.call(document.querySelectorAll("[data-transcript] li[data-start]"));
  if (!lines.length) return;
  var starts = lines.map(function (li) { return parseFloat(li.getAttribute("data-start")) || 0; });
  var current = -1;
  video.addEventListener("timeupdate", function () {
    var t = video.currentTime, index = -1;
    for (var i = 0; i < starts.length; i++) { if (starts[i] <= t) index = i; else break; }
    if (index === current) return;
    if (current >= 0) lines[current].classList.remove("is-current");
    if (index >= 0) lines[index].classList.add("is-current");
    current = index;
  });
})();
