/* Hocvien LMS: the H5P player page (content origin). Starts h5p-standalone
   with the settings the server wrote, relays the xAPI statements H5P emits
   to the server (each with an id, so a retry is never counted twice), and
   tells the lesson page how tall the activity is. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var container = document.getElementById("h5p-container");
  var note = document.getElementById("h5p-note");
  var queue = [];
  var sending = false;
  var delay = 2000;
  var BATCH = 50;
  var KEEPALIVE_LIMIT = 60000; // browsers refuse larger keepalive bodies

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) {
      return (x + 256).toString(16).slice(1);
    }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  function show(text) {
    note.textContent = text || "";
    note.hidden = !text;
  }

  function send() {
    if (sending || !queue.length) return;
    sending = true;
    var batch = queue.slice(0, BATCH);
    var body = JSON.stringify(batch);
    fetch(config.statementsUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body,
      keepalive: body.length < KEEPALIVE_LIMIT,
      credentials: "omit"
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server");
      queue.splice(0, batch.length);
      delay = 2000;
      if (response.ok) {
        show("");
        return null;
      }
      return response.json().then(function (data) { show(data.message); });
    }).catch(function () {
      show(config.messages.failed);
      delay = Math.min(delay * 2, 60000);
      window.setTimeout(send, delay);
    }).then(function () {
      sending = false;
      if (queue.length && delay === 2000) send();
    });
  }

  function relay(event) {
    var statement = JSON.parse(JSON.stringify(event.data.statement));
    statement.id = statement.id || newId();
    queue.push(statement);
    send();
  }

  // The page may close before a fetch ends: hand what is left to the
  // browser, which sends it after the page is gone (ids make repeats harmless).
  window.addEventListener("pagehide", function () {
    if (queue.length && navigator.sendBeacon) {
      navigator.sendBeacon(config.statementsUrl, new Blob([JSON.stringify(queue)], { type: "text/plain" }));
    }
  });

  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight && window.parent !== window) {
      lastHeight = height;
      window.parent.postMessage({ hocvienH5P: "height", height: height }, config.frameOrigin);
    }
  }
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.body);
  window.setInterval(reportHeight, 1000); // content that grows inside its own frame

  new H5PStandalone.H5P(container, config.options).then(function () {
    H5P.externalDispatcher.on("xAPI", relay);
    reportHeight();
  }).catch(function (error) {
    show(String(error && error.message || error));
  });
})();
