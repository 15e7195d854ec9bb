// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Copy buttons: <button data-copy-target="id"> copies the value of that input.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) return;
    var done = function () {
      var status = document.getElementById(button.getAttribute("data-copy-status"));
      if (status) status.textContent = button.getAttribute("data-copied-text") || "Copied";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    } else {
      input.select();
      try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selected */ }
    }
  });

  // "Seen": <form data-post-on-view> is posted as soon as the page, or a part of it that live.js refreshed
  // (event "corner:refreshed"), is shown; a GET never changes anything. Without this file, the form's own
  // button does it. Each form is posted once; "corner:seen" tells the badges to update.
  function postOnView(root) {
    if (!window.fetch || !window.FormData) return;
    root.querySelectorAll("form[data-post-on-view]").forEach(function (form) {
      if (form.dataset.posted) return;
      form.dataset.posted = "true";
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual", keepalive: true })
        .then(function () { document.dispatchEvent(new CustomEvent("corner:seen")); }, function () { /* the next visit tries again */ });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { postOnView(document); });
  document.addEventListener("corner:refreshed", function (event) { postOnView(event.target); });

  // Time zone: fill hidden or select inputs marked data-timezone with the browser's zone.
  // Only where such an input is: the first Intl call loads time zone data, a cost every other page can skip.
  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("[data-timezone]");
    if (inputs.length === 0) return;
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
    if (!zone) return;
    inputs.forEach(function (input) {
      if (input.tagName === "SELECT") {
        if (!input.dataset.userChosen && Array.prototype.some.call(input.options, function (o) { return o.value === zone; })) input.value = zone;
      } else if (!input.value) {
        input.value = zone;
      }
    });
  });

  // Live updates (live.js, quiz.js): fetch this page again and put its fresh copy of one region in place of the
  // old one. A plain GET, as a reload would be; the parsed copy runs no script and applies no inline style.
  window.cornerRefresh = function (selector) {
    return fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("refresh answered " + response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(selector);
        var current = document.querySelector(selector);
        if (!fresh || !current) return;
        var node = document.importNode(fresh, true);
        current.replaceWith(node);
        // Its "seen" forms are posted now (postOnView above).
        node.dispatchEvent(new CustomEvent("corner:refreshed", { bubbles: true }));
      });
  };
})();
