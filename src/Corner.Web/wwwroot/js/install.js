// Makes Corner installable and able to open offline: registers the service worker (wwwroot/sw.js).
(function () {
  "use strict";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () { });
})();
