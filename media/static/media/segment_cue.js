/* The interview editor: a 取当前时间 button beside every segment's start (rows added later too) copies the
   current second of the player of that segment's sitting (the players are in the 导入段落索引 panel). */
(function () {
  var players = document.querySelector("[data-segment-players]");
  if (!players) return;
  var START = /^segments-(\d+)-start$/;

  var playerFor = function (row) {
    var sitting = document.querySelector('[name="segments-' + row + '-sitting"]');
    var number = sitting ? sitting.value : "1";
    return players.querySelector('[data-sitting="' + number + '"]') || players.querySelector("audio, video");
  };

  var decorate = function (input) {
    var match = START.exec(input.name || "");
    if (!match || input.dataset.cueReady) return;
    input.dataset.cueReady = "1";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary segment-cue";
    button.textContent = "取当前时间";
    button.addEventListener("click", function () {
      var player = playerFor(match[1]);
      if (!player) return;
      input.value = String(Math.floor(player.currentTime));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.insertAdjacentElement("afterend", button);
  };

  var decorateAll = function () {
    document.querySelectorAll('input[name^="segments-"][name$="-start"]').forEach(decorate);
  };
  decorateAll();
  new MutationObserver(decorateAll).observe(document.body, { childList: true, subtree: true });
})();
