/* Runs before first paint (loaded synchronously in <head>), so 长辈模式 never flickers.
   The choice lives in the cookie laomo_elder=1 (the server renders the class from it, also without JavaScript)
   and in localStorage (restores the cookie if it was cleared). The earlier 大字模式 choice counts as on. */
(function () {
  var root = document.documentElement;
  var COOKIE = "laomo_elder";
  var KEY = "laomo-elder";
  var TWO_YEARS = 60 * 60 * 24 * 365 * 2;
  root.classList.remove("no-js");

  var readCookie = function () {
    var match = document.cookie.match(/(?:^|;\s*)laomo_elder=([^;]*)/);
    return match ? match[1] : null;
  };
  var writeCookie = function (on) {
    var secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = COOKIE + (on ? "=1; max-age=" + TWO_YEARS : "=; max-age=0") + "; path=/; samesite=lax" + secure;
  };
  var store = function (value) {
    try { localStorage.setItem(KEY, value); } catch (e) { /* storage disabled: the cookie alone remembers */ }
  };

  var stored = null;
  try {
    stored = localStorage.getItem(KEY);
    if (stored === null && localStorage.getItem("laomo-text-size") === "large") stored = "1";
  } catch (e) { /* storage disabled */ }
  var cookie = readCookie();
  var on = cookie === "1" || (cookie === null && stored === "1");
  if (on && cookie !== "1") writeCookie(true);
  root.classList.toggle("elder", on);

  window.laomoPrefs = {
    elder: function () { return root.classList.contains("elder"); },
    setElder: function (value) {
      root.classList.toggle("elder", value);
      writeCookie(value);
      store(value ? "1" : "0");
    }
  };
})();
