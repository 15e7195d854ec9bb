// Corner's service worker. It keeps only what is the same for everyone: the offline page and the static
// assets (CSS, scripts, images). It never stores a personal page or an API answer: those are no-store and
// always go to the network. Signing out (or out everywhere) empties its cache. It also shows push
// notifications, which carry no content: "Sam checked in", "Something is waiting for you in your space".
"use strict";

// The server fills these in (Features/Offline/ServiceWorker.cs): the offline page's assets at their current
// ?v= addresses, and a cache name made from them. A changed asset changes this script, so the browser installs
// it anew, and "activate" drops the old cache: nothing stale is kept.
var CACHE = "/*cache*/";
var OFFLINE = "/offline";
var PRECACHE = [OFFLINE].concat(/*assets*/[]);

function isStaticAsset(url) {
  return url.origin === self.location.origin && /^\/(css|js|lib|img)\//.test(url.pathname);
}

function clearCaches() {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.map(function (key) { return caches.delete(key); }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // Without cookies: the offline page must be the one anybody would get.
    return Promise.all(PRECACHE.map(function (path) {
      return fetch(path, { credentials: "omit" }).then(function (response) {
        if (response.ok) return cache.put(path, response);
      });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "clear") event.waitUntil(clearCaches());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin &&
      (url.pathname === "/account/sign-out" || url.search.indexOf("handler=SignOutEverywhere") >= 0)) {
    event.waitUntil(clearCaches());
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(OFFLINE).then(function (page) { return page || Response.error(); });
    }));
    return;
  }
  if (isStaticAsset(url)) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok && response.type === "basic") cache.put(request, response.clone());
          return response;
        });
      });
    }));
  }
});

self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  var url = typeof data.url === "string" && data.url.charAt(0) === "/" && data.url.charAt(1) !== "/" ? data.url : "/";
  event.waitUntil(self.registration.showNotification(data.title || "Corner", {
    body: data.body || "",
    icon: "/img/icon-192.png",
    badge: "/img/icon-192.png",
    data: { url: url },
    tag: url
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});
