/* 朗读: reads an entry's biography aloud with the browser's own speech synthesis (nothing is sent anywhere).
   The button stays hidden where the browser cannot speak, or offers voices but no Chinese one. What it announces
   comes from the status element's data-msg-* attributes, translated by the template. */
(function () {
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
  var synth = window.speechSynthesis;
  var buttons = document.querySelectorAll("[data-read-aloud]");
  if (!buttons.length) return;
  var status = document.querySelector("[data-read-aloud-status]");
  var current = null;

  var announce = function (name) { if (status) status.textContent = status.getAttribute("data-msg-" + name) || ""; };
  var lang = function (voice) { return (voice.lang || "").replace("_", "-").toLowerCase(); };
  var chineseVoice = function () {
    var voices = synth.getVoices() || [];
    var pick = function (test) { for (var i = 0; i < voices.length; i++) if (test(lang(voices[i]))) return voices[i]; return null; };
    return pick(function (l) { return l === "zh-cn" || l === "zh-hans-cn"; }) ||
      pick(function (l) { return l.indexOf("zh") === 0 && !/(tw|hk|hant|yue)/.test(l); }) ||
      pick(function (l) { return l.indexOf("zh") === 0 || l.indexOf("cmn") === 0; });
  };

  /* The section a button reads: the element its data-read-aloud names, or the <section> around it. */
  var textFor = function (button) {
    var element = document.getElementById(button.getAttribute("data-read-aloud"));
    var section = element && (element.tagName === "SECTION" ? element : element.closest("section"));
    if (!section) return "";
    var parts = [];
    section.querySelectorAll("h2, h3, p, li").forEach(function (node) {
      var text = node.textContent.replace(/\s+/g, " ").trim();
      if (text) parts.push(/[。！？.!?：:]$/.test(text) ? text : text + "。");
    });
    return parts.join("");
  };

  /* Short pieces at sentence ends: some browsers stop reading a long utterance after about fifteen seconds. */
  var pieces = function (text) {
    var sentences = text.match(/[^。！？；!?;]+[。！？；!?;]*/g) || [text];
    var result = [];
    var piece = "";
    sentences.forEach(function (sentence) {
      if (piece && (piece + sentence).length > 120) { result.push(piece); piece = ""; }
      piece += sentence;
    });
    if (piece) result.push(piece);
    return result;
  };

  var reset = function () {
    if (current) current.textContent = current.getAttribute("data-label");
    current = null;
  };
  var stop = function () {
    synth.cancel();
    reset();
    announce("stopped");
  };
  var start = function (button) {
    var list = pieces(textFor(button));
    var voice = chineseVoice();
    synth.cancel();
    reset();
    current = button;
    button.textContent = button.getAttribute("data-label-stop");
    list.forEach(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice ? voice.lang : "zh-CN";
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      if (index === list.length - 1) {
        utterance.onend = function () { if (current === button) { reset(); announce("ended"); } };
      }
      utterance.onerror = function (event) { if (current === button && event.error !== "interrupted" && event.error !== "canceled") reset(); };
      synth.speak(utterance);
    });
    announce("reading");
  };

  var hideWithoutChinese = function () {
    var voices = synth.getVoices() || [];
    var hide = voices.length > 0 && !chineseVoice();
    buttons.forEach(function (button) { if (hide) button.hidden = true; });
  };

  buttons.forEach(function (button) {
    if (!textFor(button)) return;
    button.hidden = false;
    button.addEventListener("click", function () { if (current === button) stop(); else start(button); });
  });
  hideWithoutChinese();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", hideWithoutChinese);
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
