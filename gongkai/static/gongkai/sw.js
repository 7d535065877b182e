/* Gongkai's service worker, served at /sw.js (scope: the whole site) by gongkai.portal.views.

   - the offline page of each language and the site's assets are kept from installation on;
   - a document page is kept the moment it is read (cache on read), so it opens again offline;
   - other pages always come from the network, with the offline page when there is none.
   __VERSION__ and __PRECACHE__ are filled in by the view. */
"use strict";

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const SHELL = "gongkai-shell-" + VERSION;
const PAGES = "gongkai-pages";
const KEEP_PAGES = 60;
const DOCUMENT_PAGE = /^\/(?:(?:zh-hant|en)\/)?xxgk\/\d+\/$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("gongkai-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate") {
    event.respondWith(fromNetwork(request, DOCUMENT_PAGE.test(url.pathname), url.pathname));
  }
});

async function fromNetwork(request, keep, path) {
  try {
    const response = await fetch(request);
    if (keep && response.ok) {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
      trim(cache);
    }
    return response;
  } catch (error) {
    return (await caches.match(request, { ignoreSearch: true })) || (await caches.match(offlinePage(path))) || Response.error();
  }
}

function offlinePage(path) {
  const prefix = PRECACHE.find((page) => page !== "/offline/" && page.endsWith("/offline/") && path.startsWith(page.slice(0, -"offline/".length)));
  return prefix || "/offline/";
}

async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(keys.length - KEEP_PAGES, 0)).map((key) => cache.delete(key)));
}
