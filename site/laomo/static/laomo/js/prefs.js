/* Runs before first paint (loaded synchronously in <head>) so the larger-text choice never flickers. */
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  try {
    if (localStorage.getItem("laomo-text-size") === "large") root.classList.add("text-large");
  } catch (e) { /* storage disabled: default size */ }
})();
