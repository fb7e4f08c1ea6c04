/* Suggestions under the search box: the ARIA 1.2 combobox pattern (list autocomplete).
   Without JavaScript the box is a plain search field and the form submits as usual.
   Keys: Down/Up move through the list, Enter follows the highlighted suggestion, Escape closes. */
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  if (!input || !window.fetch || !input.dataset.suggestUrl) { return; }
  var url = input.dataset.suggestUrl;
  var list = document.createElement("ul");
  list.id = "search-q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.dataset.suggestLabel || "");
  list.hidden = true;
  input.insertAdjacentElement("afterend", list);
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  list.insertAdjacentElement("afterend", status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var items = [];
  var active = -1;
  var timer = null;
  var pending = null;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    if (active >= 0 && items[active]) { items[active].element.setAttribute("aria-selected", "false"); }
    active = index;
    if (active >= 0 && items[active]) {
      items[active].element.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].element.id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(suggestions) {
    list.innerHTML = "";
    items = suggestions.map(function (suggestion, n) {
      var option = document.createElement("li");
      option.id = "search-q-suggestion-" + n;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.textContent = suggestion.label;
      var kind = document.createElement("span");
      kind.className = "suggestion-kind";
      kind.textContent = suggestion.kind_label;
      option.appendChild(label);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep focus in the box until the page changes
        window.location.href = suggestion.url;
      });
      list.appendChild(option);
      return { element: option, suggestion: suggestion };
    });
    active = -1;
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    status.textContent = items.length ? items.length + " " + (input.dataset.suggestCount || "") : "";
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(url + "?" + new URLSearchParams({ q: q }).toString(), { signal: pending.signal })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q) { show(data.suggestions || []); } })
      .catch(function () { /* suggestions are optional */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].suggestion.url;
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 100); });
}());
