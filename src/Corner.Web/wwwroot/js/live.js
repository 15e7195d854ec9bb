// Live updates for signed-in people: listens to /live (Server-Sent Events), keeps the "N new" badges in
// the navigation current, refreshes the open space's check-ins in place and says politely what arrived.
// Every page works without this file: the counts are rendered by the server, and a reload shows everything.
(function () {
  "use strict";

  var status = document.getElementById("live-status");
  if (!status || !window.EventSource || !window.fetch) return;

  var texts = status.dataset;

  function format(template, values) {
    return (template || "").replace(/\{(\d+)\}/g, function (_, i) { return values[+i] == null ? "" : String(values[+i]); });
  }

  function space(bondId) {
    return document.querySelector("[data-live-space='" + bondId + "']");
  }

  // Polite announcements: cleared first so the same words twice are read twice.
  var announceTimer = null;
  function announce(message) {
    if (!message) return;
    status.textContent = "";
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { status.textContent = message; }, 100);
  }

  function showCount(element, count, text) {
    if (!element) return;
    element.hidden = count === 0;
    if (text !== undefined) element.textContent = text;
  }

  // The badges, from the server's count (it knows what has been seen, on any device). Resolves to the counts.
  function refreshUnread() {
    return fetch("/live/unread", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (unread) {
        if (!unread) return;
        showCount(document.querySelector("[data-live-total]"), unread.total, format(texts.textNew, [unread.total]));
        // Each space in the switcher: a "N new" link, only while there is something new: to its home when something
        // waits for the person there (a moment to answer, a plan to confirm, …), else to its check-ins.
        document.querySelectorAll("[data-live-space]").forEach(function (item) {
          var bondId = item.dataset.liveSpace;
          var count = (unread.spaces && unread.spaces[bondId]) || 0;
          var link = item.querySelector("[data-live-count]");
          if (count === 0) {
            if (link) link.remove();
            return;
          }
          if (!link) {
            link = document.createElement("a");
            link.className = "switcher__new";
            link.setAttribute("data-live-count", "");
            var span = document.createElement("span");
            span.className = "badge";
            link.appendChild(span);
            item.appendChild(link);
          }
          var waiting = (unread.waiting && unread.waiting[bondId]) || 0;
          link.href = "/spaces/" + encodeURIComponent(bondId) + (waiting > 0 ? "" : "/check-ins");
          var name = (item.querySelector("a:not([data-live-count])") || {}).textContent || "";
          link.setAttribute("aria-label", format(texts.textNewIn, [count, name.trim()]));
          link.querySelector(".badge").textContent = format(texts.textNew, [count]);
        });
        return unread;
      })
      .catch(function () { /* the badges stay as they were; the next page load corrects them */ });
  }

  // True when refreshing the region would throw away something the person is in the middle of.
  function busy(region) {
    // Swapping the region away from under the focus would drop a keyboard or screen reader user's place.
    if (document.activeElement && document.activeElement !== region && region.contains(document.activeElement)) return true;
    return Array.prototype.some.call(region.querySelectorAll("textarea, input[type=text], select"), function (field) {
      if (field.tagName === "SELECT") {
        return Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return field.value !== field.defaultValue;
    });
  }

  var pending = null;
  function offerRefresh(region) {
    if (pending) return;
    pending = document.createElement("p");
    pending.className = "notice live-pending";
    pending.appendChild(document.createTextNode(texts.textPending + " "));
    var show = document.createElement("button");
    show.type = "button";
    show.className = "button--small";
    show.textContent = texts.textShow;
    show.addEventListener("click", function () {
      var current = document.getElementById("live-region");
      if (current) refreshRegion(current, true);
    });
    pending.appendChild(show);
    region.parentNode.insertBefore(pending, region);
  }

  // Fetches this page again and swaps in its fresh live region.
  function refreshRegion(region, force) {
    if (!window.cornerRefresh) return refreshUnread();
    if (!force && busy(region)) {
      offerRefresh(region);
      return refreshUnread();
    }
    if (pending) { pending.remove(); pending = null; }
    return window.cornerRefresh("#live-region").then(refreshUnread, refreshUnread);
  }

  // After a gap (a reconnect, a page back from the cache) events may have been missed: the counts are
  // always fetched, and this space's check-ins refreshed if the server says something in it is new.
  function resync() {
    return refreshUnread().then(function (unread) {
      var region = document.getElementById("live-region");
      if (region && unread && unread.spaces && unread.spaces[region.dataset.liveBond] > 0) refreshRegion(region, false);
    });
  }

  document.addEventListener("corner:seen", function () { refreshUnread(); });

  function handle(event) {
    // Other scripts (pause.js) follow the same stream through this DOM event instead of opening their own.
    document.dispatchEvent(new CustomEvent("corner:live", { detail: event }));
    var region = document.getElementById("live-region");
    if (event.kind === "resync") return resync();
    var item = space(event.bond);
    var name = item ? item.dataset.otherName : "";
    // "reflection_answer" is announced with the layout's data-text-reflection-answer, if it has one.
    var template = texts["text" + event.kind.split("_").map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join("")];
    if (region && region.dataset.liveBond === event.bond) refreshRegion(region, false);
    else refreshUnread();
    if (template && name) announce(format(template, [name]));
  }

  // EventSource reconnects by itself after a network error. Leaving the page closes the stream; coming
  // back to it from the browser's back/forward cache opens a new one and catches up on the counts.
  var source = null;
  var seen = [];
  function open() {
    var opened = false;
    source = new EventSource("/live");
    // "open" once the server is streaming to this page; "connecting" while the browser retries.
    source.onopen = function () {
      status.setAttribute("data-live", "open");
      if (opened) resync();
      opened = true;
    };
    source.onerror = function () { status.setAttribute("data-live", "connecting"); };
    source.onmessage = function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      if (!event || !event.kind) return;
      // A reconnect sends Last-Event-ID and is sent what was missed, with a little overlap: skip what this page had.
      // (A resync carries no id of its own; lastEventId then still names the event before it.)
      if (event.kind !== "resync" && message.lastEventId) {
        if (seen.indexOf(message.lastEventId) >= 0) return;
        seen.push(message.lastEventId);
        if (seen.length > 200) seen.shift();
      }
      handle(event);
    };
  }
  window.addEventListener("pagehide", function () { if (source) { source.close(); source = null; } });
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted || source) return;
    open();
    resync();
  });
  open();
})();
