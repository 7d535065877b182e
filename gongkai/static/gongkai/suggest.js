// Suggestions while typing: titles from /search/suggest/ (its address is the input's
// data-suggest-url, in the page's language); the form works without this.
(function () {
  var input = document.getElementById("search-q"), list = document.getElementById("search-suggestions"), timer;
  if (!input || !list || !window.fetch || !input.dataset.suggestUrl) return;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!input.value.trim()) return;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(input.value)).then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.suggestions.forEach(function (s) { var o = document.createElement("option"); o.value = s; list.appendChild(o); });
        }).catch(function () {});
    }, 150);
  });
})();
