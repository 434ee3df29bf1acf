/* The SCORM player on the content origin.
 *
 * Asks the server which part to play (deliver), loads scorm-again for the
 * package's SCORM version, preloads the CMI data the server sent, and
 * frames the part. scorm-again keeps the data in the page, so GetValue
 * never waits on the network, and commits in batches (autocommit) to the
 * commit URL; its last commit leaves with sendBeacon as text/plain.
 * Every commit carries the part, the launch id and a rising sequence, so
 * the server can ignore one that arrives after a newer one.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("scorm-config").textContent);
  var text = config.messages;
  var frame = document.getElementById("scorm-frame");
  var statusLine = document.getElementById("scorm-status");
  var toc = document.getElementById("scorm-toc");
  var tocToggle = document.getElementById("scorm-toc-toggle");
  var previousButton = document.getElementById("scorm-previous");
  var nextButton = document.getElementById("scorm-next");
  var finishButton = document.getElementById("scorm-finish");
  var HEARTBEAT_MS = 60000;

  var part = null; // {sco, launch, version, isSco}
  var api = null;
  var lastPayload = null; // the newest commit, re-sent with the next step
  var navRequest = "";
  var beats = 0;
  var stepping = false;
  var talked = false; // the current part called Initialize/LMSInitialize
  var heartbeat = null;
  var loadedScripts = {};

  function say(message) {
    statusLine.textContent = message || "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || text.failed);
        return data;
      });
    });
  }

  function loadScript(src) {
    if (!loadedScripts[src]) {
      loadedScripts[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error(text.failed)); };
        document.head.appendChild(script);
      });
    }
    return loadedScripts[src];
  }

  /* scorm-again's flattened commit, as our server reads it. */
  function toPayload(commit, meta) {
    var values = {};
    Object.keys(commit).forEach(function (key) {
      var value = commit[key];
      if (value === null || typeof value === "object") return;
      values[key.replace(/\[(\d+)\]/g, ".$1")] = value;
    });
    lastPayload = {
      sco: part.sco,
      launch: part.launch,
      sequence: meta && meta.sequence ? meta.sequence : 0,
      terminate: Boolean(meta && meta.isTerminateCommit),
      values: values,
    };
    return lastPayload;
  }

  function newApi(delivered) {
    var settings = {
      autocommit: true,
      autocommitSeconds: config.autocommitSeconds,
      lmsCommitUrl: config.commitUrl,
      dataCommitFormat: "flattened",
      requestHandler: toPayload,
      logLevel: 4,
    };
    var made = delivered.version === "1.2"
      ? new window.Scorm12API(settings)
      : new window.Scorm2004API(settings);
    made.loadFromFlattenedJSON(delivered.values, "");
    made.on("SetValue.adl.nav.request", function (element, value) {
      navRequest = value;
    });
    made.on("LMSInitialize Initialize", function () {
      talked = true;
    });
    made.on("LMSFinish Terminate", function () {
      window.setTimeout(afterFinish, 0);
    });
    return made;
  }

  function expose(made, version) {
    window.API = version === "1.2" ? made : undefined;
    window.API_1484_11 = version === "1.2" ? undefined : made;
  }

  function startHeartbeat() {
    window.clearInterval(heartbeat);
    heartbeat = window.setInterval(function () {
      if (!part || document.hidden) return;
      beats += 1;
      post(config.commitUrl, {
        sco: part.sco, launch: part.launch, sequence: 0, beat: beats, values: {},
      }).catch(function () {});
    }, HEARTBEAT_MS);
  }

  function play(delivered, retrying) {
    renderToc(delivered.toc || []);
    if (!delivered.sco) {
      part = null;
      frame.src = "about:blank";
      say(delivered.message || (delivered.ended ? text.ended : ""));
      if (delivered.message && !delivered.ended && !retrying) {
        // Refused (e.g. no next part): open the current part again.
        return post(config.deliverUrl, { request: "resumeAll" }).then(function (again) {
          return play(again, true).then(function () { say(delivered.message); });
        });
      }
      return Promise.resolve();
    }
    var script = config.scripts[delivered.version];
    return loadScript(script).then(function () {
      part = {
        sco: delivered.sco, launch: delivered.launch,
        version: delivered.version, isSco: delivered.isSco,
      };
      navRequest = "";
      lastPayload = null;
      talked = false;
      api = newApi(delivered);
      expose(api, delivered.version);
      say("");
      frame.src = delivered.url;
      startHeartbeat();
    });
  }

  /* Ask for the next part; the newest commit goes along, so the server
   * decides on data it has even when the last beacon is still on its way. */
  function step(request, target) {
    if (stepping) return Promise.resolve();
    stepping = true;
    return unload().then(function () {
      var body = { request: request, target: target || "", commit: lastPayload };
      return post(config.deliverUrl, body);
    }).then(play).catch(function (error) {
      say(error.message);
    }).then(function () {
      stepping = false;
    });
  }

  /* Let the current part end its session before another one starts. */
  function unload() {
    if (!part) return Promise.resolve();
    var finishing = api;
    return new Promise(function (resolve) {
      frame.addEventListener("load", function done() {
        frame.removeEventListener("load", done);
        resolve();
      });
      frame.src = "about:blank";
    }).then(function () {
      var left = part;
      part = null;
      if (finishing && finishing.isInitialized && finishing.isInitialized()) {
        if (left.version === "1.2") finishing.LMSFinish("");
        else finishing.Terminate("");
      } else if (!talked && left.isSco) {
        return leftSilently(left);
      }
      return null;
    });
  }

  /* A part that never spoke to the API was opened and left: the server
   * notes it for the author's "finished every part" rule, nothing more. */
  function leftSilently(left) {
    lastPayload = null;
    return post(config.commitUrl, {
      sco: left.sco, launch: left.launch, sequence: 1, left: true, values: {},
    }).catch(function () {});
  }

  function afterFinish() {
    if (stepping) return;
    var request = navRequest;
    if (!request || request === "_none_") {
      say(text.finished);
      return;
    }
    var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    if (choice) step(choice[2], choice[1]);
    else step(request);
  }

  function renderToc(entries) {
    var visible = entries.filter(function (entry) { return entry.visible; });
    tocToggle.hidden = visible.filter(function (e) { return e.leaf; }).length < 2;
    toc.replaceChildren();
    var list = document.createElement("ol");
    visible.forEach(function (entry) {
      var item = document.createElement("li");
      item.style.paddingInlineStart = entry.depth + "em";
      var label = entry.title + (entry.completed ? " ✓" : "");
      if (entry.leaf && entry.enabled) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = label;
        button.dataset.target = entry.id;
        if (entry.current) button.setAttribute("aria-current", "step");
        item.appendChild(button);
      } else {
        item.textContent = label;
        if (entry.leaf) item.className = "disabled";
      }
      list.appendChild(item);
    });
    toc.appendChild(list);
  }

  toc.addEventListener("click", function (event) {
    var target = event.target.closest("button[data-target]");
    if (!target) return;
    toc.hidden = true;
    tocToggle.setAttribute("aria-expanded", "false");
    step("choice", target.dataset.target);
  });
  tocToggle.addEventListener("click", function () {
    toc.hidden = !toc.hidden;
    tocToggle.setAttribute("aria-expanded", String(!toc.hidden));
  });
  previousButton.addEventListener("click", function () { step("previous"); });
  nextButton.addEventListener("click", function () { step("continue"); });
  finishButton.addEventListener("click", function () { step("exitAll"); });
  window.addEventListener("pagehide", function () {
    if (api && part && api.isInitialized && api.isInitialized()) {
      if (part.version === "1.2") api.LMSFinish("");
      else api.Terminate("");
    }
  });

  say(text.loading);
  step("resumeAll");
})();
