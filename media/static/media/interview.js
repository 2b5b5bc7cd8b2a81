/* Oral-history pages: 播放本段 plays a segment from its start; a shared link (?t=754 on the server, #t=754 here)
   opens the recording at that second; the segment being heard is marked in the index.
   Without this file the segment links still open the page at their second (the server reads ?t=). */
(function () {
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-interview-sitting]"));
  if (!sections.length) return;

  var player = function (section) {
    var media = section.querySelector("video, audio");
    if (!media) return null;
    var seek = window.laomoMedia.seeker(media);

    // The segment being heard is marked in the index (seek.js).
    var items = Array.prototype.slice.call(section.querySelectorAll("[data-segment-start]"));
    var follow = window.laomoMedia.follower(items, function (li) {
      return parseFloat(li.getAttribute("data-segment-start")) || 0;
    });
    var update = function () { follow(media.currentTime); };
    media.addEventListener("timeupdate", update);
    media.addEventListener("seeked", update);

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
