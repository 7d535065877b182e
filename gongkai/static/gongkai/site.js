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

  speech();
  reopenToolbar();
  closeToolbarOnEscape();
  offline();
  install();
})();
