/* Progressive enhancement of the search page: apply filters without a full reload.
   Without JavaScript the form submits normally; all state stays in the URL either way. */
(function () {
  "use strict";
  var app = document.querySelector("[data-search-app]");
  if (!app || !window.fetch || !window.history || !window.URLSearchParams) { return; }
  var status = document.getElementById("search-status");
  var pending = null;

  function formUrl(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key === "q" && !value.trim()) { return; }
      if (key === "sort" && value === "relevance") { return; }
      params.append(key, value);
    });
    var query = params.toString();
    return form.getAttribute("action").split("?")[0] + (query ? "?" + query : "");
  }

  function load(url, push) {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var partial = new URL(url, window.location.href);
    partial.searchParams.set("partial", "1");
    app.classList.add("search-app--busy");
    app.setAttribute("aria-busy", "true");
    fetch(partial.toString(), { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var focusedId = document.activeElement && app.contains(document.activeElement) ? document.activeElement.id : "";
        var panel = app.querySelector("[data-filters-panel]");
        var panelOpen = panel ? panel.open : true;
        app.innerHTML = html;
        panel = app.querySelector("[data-filters-panel]");
        if (panel) { panel.open = panelOpen; }
        var again = focusedId && document.getElementById(focusedId);
        if (again) { again.focus(); }
        if (push) {
          window.history.pushState({ search: true }, "", url);
          shown = window.location.pathname + window.location.search;
        }
        var count = app.querySelector("[data-result-count]");
        if (status && count) { status.textContent = count.textContent; }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { window.location.href = url; }
      })
      .finally(function () {
        app.classList.remove("search-app--busy");
        app.removeAttribute("aria-busy");
      });
  }

  app.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.id === "search-form" && event.target.name !== "q") {
      load(formUrl(form), true);
    }
  });
  app.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "search-form") { return; }
    if (event.submitter && event.submitter.hasAttribute("formaction")) { return; }  // to the compare view
    event.preventDefault();
    load(formUrl(form), true);
  });
  app.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || !app.contains(link) || event.metaKey || event.ctrlKey || event.shiftKey) { return; }
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) !== "?") { return; }
    event.preventDefault();
    load(window.location.pathname + href, true);
  });
  // Phones: results first, the filters behind their "Filters" toggle (the chosen ones show as
  // chips above the results and as a count in the toggle).
  var panel = app.querySelector("[data-filters-panel]");
  if (panel && window.matchMedia && window.matchMedia("(max-width: 59.99rem)").matches) {
    panel.open = false;
  }
  var shown = window.location.pathname + window.location.search;
  window.addEventListener("popstate", function () {
    // A hash change (e.g. the skip link) is not a new search: re-rendering would eat typed input.
    var now = window.location.pathname + window.location.search;
    if (now === shown) { return; }
    shown = now;
    load(window.location.href, false);
  });
}());
