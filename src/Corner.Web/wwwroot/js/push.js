// Push notifications on /account/notifications: asks this browser for a push subscription (to this
// installation's VAPID public key) and hands it to Corner, or takes it back. Without JavaScript, or in a
// browser without push, the page says notifications need it.
(function () {
  "use strict";

  var form = document.querySelector("form[data-push]");
  if (!form || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;

  var on = form.querySelector("[data-push-on]");
  var off = form.querySelector("[data-push-off]");
  var status = form.querySelector("[data-push-status]");
  var token = form.querySelector("input[name='__RequestVerificationToken']");
  var needsJs = form.parentElement.querySelector("[data-push-needs-js]");
  form.hidden = false;
  if (needsJs) needsJs.hidden = true;

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  function send(handler, subscription) {
    var json = subscription.toJSON();
    return fetch("/account/notifications?handler=" + handler, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": token ? token.value : "" },
      body: JSON.stringify({ endpoint: json.endpoint, p256dh: json.keys && json.keys.p256dh, auth: json.keys && json.keys.auth })
    }).then(function (response) { if (!response.ok) throw new Error("refused"); });
  }

  function show(subscribed, message) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
    status.textContent = message || form.getAttribute(subscribed ? "data-on-text" : "data-off-text");
  }

  function registration() {
    return navigator.serviceWorker.register("/sw.js").then(function () { return navigator.serviceWorker.ready; });
  }

  registration().then(function (reg) { return reg.pushManager.getSubscription(); })
    .then(function (subscription) { show(!!subscription); })
    .catch(function () { show(false); });

  on.addEventListener("click", function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { show(false, form.getAttribute("data-refused-text")); return; }
      return registration().then(function (reg) {
        return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toBytes(form.getAttribute("data-public-key")) });
      }).then(function (subscription) {
        return send("Subscribe", subscription).then(function () { show(true); });
      });
    }).catch(function () { show(false, form.getAttribute("data-failed-text")); });
  });

  off.addEventListener("click", function () {
    registration().then(function (reg) { return reg.pushManager.getSubscription(); }).then(function (subscription) {
      if (!subscription) { show(false); return; }
      return send("Unsubscribe", subscription).then(function () { return subscription.unsubscribe(); }).then(function () { show(false); });
    }).catch(function () { show(true, form.getAttribute("data-failed-text")); });
  });
})();
