/* Film pages: timestamps and chapters seek the player; the transcript and chapters follow the film.
   Without this file the timestamps are plain #t= links and the native <video controls> still work. */
(function () {
  var figure = document.querySelector("[data-film-player]");
  var video = figure && figure.querySelector("video");
  if (!video) return;

  var seek = window.laomoMedia.seeker(video);

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

  // Mark the transcript line being spoken and the chapter being shown (seek.js).
  var follow = window.laomoMedia.follower;
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
