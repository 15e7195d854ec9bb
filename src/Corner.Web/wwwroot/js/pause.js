// The pause signal on an open page: shows a pause the moment the other person sends it (on the "corner:live"
// events live.js passes on), keeps a calm minute-by-minute countdown, and asks "ready to come back?" when the
// server says the time is up. Without this file the panel still shows when the pause ends, and a reload shows
// the question. Screen readers hear the start and the end (live.js and below), never a ticking clock.
(function () {
  "use strict";

  if (!window.fetch) return;
  var timers = {};

  function format(template, value) {
    return (template || "").replace("{0}", String(value));
  }

  function announce(message) {
    var status = document.getElementById("live-status");
    if (!status || !message) return;
    status.textContent = "";
    setTimeout(function () { status.textContent = message; }, 100);
  }

  // Counts down from the seconds the server rendered (so a wrong clock on this device does not matter).
  function start(panel) {
    var bond = panel.getAttribute("data-pause-panel");
    clearTimeout(timers[bond]);
    var remaining = parseInt(panel.getAttribute("data-pause-remaining"), 10);
    if (isNaN(remaining) || !panel.querySelector("[data-pause-left]")) return;
    var deadline = Date.now() + remaining * 1000;
    var left = panel.querySelector("[data-pause-left]");
    var progress = panel.querySelector("progress");
    var total = progress ? parseInt(progress.getAttribute("max"), 10) : 0;

    function tick() {
      var seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (seconds === 0) {
        // The server decides whether the time is really up; it answers with the question, or more time.
        refresh(bond, true);
        return;
      }
      var minutes = Math.ceil(seconds / 60);
      left.textContent = minutes === 1 ? panel.getAttribute("data-text-left-one") : format(panel.getAttribute("data-text-left"), minutes);
      if (progress && total) progress.value = Math.max(0, total - seconds);
      timers[bond] = setTimeout(tick, Math.min(seconds * 1000, 10000));
    }
    tick();
  }

  // Fetches the space's panel and puts it where the old one was, or at the top of the page.
  function refresh(bond, timeUp) {
    return fetch("/spaces/" + encodeURIComponent(bond) + "/pause/panel", { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var fresh = template.content.querySelector("[data-pause-panel]");
        if (!fresh) return;
        var old = document.querySelector("[data-pause-panel='" + bond + "']");
        var hadFocus = old && old.contains(document.activeElement);
        if (old) {
          old.replaceWith(fresh);
        } else {
          var main = document.getElementById("main");
          if (!main) return;
          main.insertBefore(fresh, main.firstChild);
        }
        var active = !fresh.hidden;
        document.querySelectorAll("[data-pause-form='" + bond + "']").forEach(function (element) { element.hidden = active; });
        if (hadFocus) {
          var heading = fresh.querySelector("h2");
          (heading || document.getElementById("main")).focus();
        }
        if (timeUp && active && !fresh.querySelector("[data-pause-left]")) announce(fresh.getAttribute("data-text-time-up"));
        if (active) start(fresh);
      })
      .catch(function () { /* the panel stays as it was; a reload shows the pause as it is */ });
  }

  document.addEventListener("corner:live", function (e) {
    var event = e.detail || {};
    if (event.kind === "resync") {
      document.querySelectorAll("[data-pause-panel]").forEach(function (panel) { refresh(panel.getAttribute("data-pause-panel"), false); });
    } else if (event.kind && event.kind.indexOf("pause_") === 0 && event.bond) {
      refresh(event.bond, false);
    }
  });

  function init() {
    document.querySelectorAll("[data-pause-panel][data-pause-remaining]").forEach(start);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
