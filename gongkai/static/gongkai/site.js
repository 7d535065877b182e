/* Enhancements only: every page works without this file (text size and contrast are links that the
   server applies). Here: 朗读 (speech), reopening the toolbar after a setting changed, the offline
   service worker and the install button of the 移动端 page. */
(function () {
  "use strict";

  function speech() {
    var button = document.querySelector("[data-speak]");
    var status = document.querySelector(".speak-status");
    if (!button || !status) return;
    button.hidden = false;
    var say = function (key) { status.textContent = button.getAttribute("data-msg-" + key) || ""; };
    button.addEventListener("click", function () {
      if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
        say("none");
        return;
      }
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        button.textContent = button.getAttribute("data-msg-start");
        status.textContent = "";
        return;
      }
      var selected = String(window.getSelection ? window.getSelection() : "").trim();
      var main = document.getElementById("main");
      var utterance = new SpeechSynthesisUtterance(selected || (main ? main.innerText : document.body.innerText));
      utterance.lang = document.documentElement.lang || "zh-Hans";
      utterance.onend = function () { button.textContent = button.getAttribute("data-msg-start"); status.textContent = ""; };
      window.speechSynthesis.speak(utterance);
      button.textContent = button.getAttribute("data-msg-stop");
      say("speaking");
    });
  }

  // After a toolbar link the server sends the reader back to #a11y-toolbar, which the browser focuses:
  // show the toolbar's links again too.
  function reopenToolbar() {
    var details = document.getElementById("a11y");
    if (details && window.location.hash === "#a11y-toolbar") details.open = true;
  }

  function closeToolbarOnEscape() {
    var details = document.getElementById("a11y");
    if (!details) return;
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  }

  function offline() {
    if ("serviceWorker" in navigator && window.isSecureContext) {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* the site works without it */ });
    }
  }

  function install() {
    var button = document.querySelector("[data-install]");
    if (!button) return;
    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();
      button.hidden = false;
      button.addEventListener("click", function () { event.prompt(); button.hidden = true; }, { once: true });
    });
  }

  // Pages are the same bytes for every reader (they are kept as files): what is personal on them, the
  // 个人中心 link's name and the 收藏 control, comes from /reader/state.json. Only a browser that has
  // been through a form (as everyone who signed in has) holds the CSRF cookie and can be signed in,
  // so the many readers of a published page cost the server nothing more.
  function readerState() {
    var link = document.querySelector("[data-reader-link]");
    var block = document.querySelector("[data-favourite]");
    if ((!link && !block) || document.cookie.indexOf("csrftoken=") === -1 || !window.fetch) return;
    var url = "/reader/state.json" + (block ? "?doc=" + encodeURIComponent(block.getAttribute("data-favourite")) : "");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state || !state.signed_in) return;
        if (link) link.textContent = link.getAttribute("data-signed-in");
        if (!block) return;
        var show = state.favourite ? "remove" : "add";
        Array.prototype.forEach.call(block.querySelectorAll("[data-when]"), function (element) {
          element.hidden = element.getAttribute("data-when") !== show;
        });
        Array.prototype.forEach.call(block.querySelectorAll("form"), function (form) {
          var token = document.createElement("input");
          token.type = "hidden";
          token.name = "csrfmiddlewaretoken";
          token.value = state.csrf;
          form.appendChild(token);
        });
      })
      .catch(function () { /* the plain links still work */ });
  }

  readerState();
  speech();
  reopenToolbar();
  closeToolbarOnEscape();
  offline();
  install();
})();
