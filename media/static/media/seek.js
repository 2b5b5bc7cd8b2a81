/* Shared by the film and the oral-history players (player.js, interview.js): seeking that works on any server,
   and marking the line or segment being heard. Loaded before them; it defines window.laomoMedia only. */
(function () {
  // A browser can jump only in a file whose server answers byte-range requests (nginx, S3, every CDN, and the
  // app's own uploads and recording views: core/ranged_serve.py). Where one does not, the browser reports nothing
  // seekable, so the file is fetched once and played from memory, where every second can be reached.
  var MAX_IN_MEMORY = 200 * 1024 * 1024;

  var seeker = function (media) {
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
    return function seek(seconds, play) {
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
  };

  // Marks the item whose start is the last one reached. aria-current tells a screen reader which one is current
  // when it reaches the list, without interrupting it while the recording plays.
  var follower = function (items, startOf) {
    var starts = items.map(startOf);
    var current = items.findIndex(function (item) { return item.classList.contains("is-current"); });
    return function (t) {
      var index = -1;
      for (var i = 0; i < starts.length; i++) { if (starts[i] <= t) index = i; else break; }
      if (index === current) return;
      if (current >= 0) { items[current].classList.remove("is-current"); items[current].removeAttribute("aria-current"); }
      if (index >= 0) { items[index].classList.add("is-current"); items[index].setAttribute("aria-current", "time"); }
      current = index;
    };
  };

  window.laomoMedia = { seeker: seeker, follower: follower };
})();
