/* Name suggestions as you type, for every search box marked data-suggest.
   An ARIA 1.2 combobox: arrow keys move, Enter opens the highlighted name, Escape closes.
   Without JavaScript the form simply submits to the results page.
   On the English site the box also carries data-suggest-label, -synthetic (its words) and -prefix ("/en",
   put before the entries' addresses, which the API gives as the Chinese site's). */
(function () {
  "use strict";
  var endpoint = "/api/search/suggest/?q=";
  var counter = 0;

  function setup(input) {
    var listId = "suggest-list-" + (++counter);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestLabel || "姓名提示");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.parentNode.classList.add("has-suggest");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [], active = -1, timer = null, lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, i) { item.el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].el.id);
      else input.removeAttribute("aria-activedescendant");
    }

    function render(results) {
      list.textContent = "";
      items = results.map(function (result, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "suggest-name";
        name.textContent = result.name;
        li.appendChild(name);
        if (result.pinyin) {
          var pinyin = document.createElement("span");
          pinyin.className = "suggest-pinyin";
          pinyin.textContent = " " + result.pinyin;
          li.appendChild(pinyin);
        }
        if (result.synthetic) {
          var badge = document.createElement("span");
          badge.className = "badge badge-synthetic";
          badge.textContent = input.dataset.suggestSynthetic || "示例数据";
          li.appendChild(document.createTextNode(" "));
          li.appendChild(badge);
        }
        var url = (input.dataset.suggestPrefix || "") + result.url;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = url; });
        list.appendChild(li);
        return { el: li, url: url };
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) { render([]); return; }
      fetch(endpoint + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.results || []); })
        .catch(function () { render([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden || !items.length) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = items[active].url; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(setup);
})();
