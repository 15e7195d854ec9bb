// The between-sessions page of a counsellor: when either member ends the grant, the server ends the stream after
// saying so, and the page loads again, which then shows nothing of the space. Without this file the next request
// does the same.
(function () {
  "use strict";
  var page = document.querySelector("[data-counsel-grant]");
  if (!page || !window.EventSource) return;
  var grant = page.getAttribute("data-counsel-grant");
  var source = new EventSource("/live");
  source.onmessage = function (message) {
    var event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    if (!event || event.kind !== "access_ended" || event.item !== grant) return;
    source.close();
    window.location.reload();
  };
  window.addEventListener("pagehide", function () { source.close(); });
})();
