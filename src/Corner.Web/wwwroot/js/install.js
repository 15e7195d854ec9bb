// Makes Corner installable and able to open offline: registers the service worker (Features/Offline/sw.js, served by OfflineFeature).
(function () {
  "use strict";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () { });
})();
