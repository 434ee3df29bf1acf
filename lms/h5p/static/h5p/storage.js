/* Hocvien LMS: storage for H5P where the browser denies it.
   Loaded by the player page and, through h5p-standalone's customJs, inside
   H5P's own frame (after the libraries, before H5P starts). */
(function () {
  "use strict";
  // A lesson page on another site frames the player: browsers that block
  // third-party storage (Chromium with third-party cookies blocked, as in
  // incognito windows) then throw on any read of localStorage, and H5P core
  // reads it as it starts each activity (its offline request queue), which
  // stops there: no resizing, no saved state. H5P gets storage that lasts
  // as long as the page instead.
  function memoryStorage() {
    var items = Object.create(null);
    return {
      getItem: function (key) { return key in items ? items[key] : null; },
      setItem: function (key, value) { items[key] = String(value); },
      removeItem: function (key) { delete items[key]; },
      clear: function () { items = Object.create(null); },
      key: function (index) { return Object.keys(items)[index] || null; },
      get length() { return Object.keys(items).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (window[name]) return;
    } catch (blocked) { /* SecurityError: replaced below */ }
    Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
  });
})();
