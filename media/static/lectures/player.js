/* Hocvien lecture player: HLS playback for cheap phones on weak links, and a
 * tracker reporting which parts of the lecture were watched.
 *
 * Markup and settings come from media/templates/lectures/player.html (data-*
 * attributes, translated strings included). Plain ES2017, no build step.
 *
 * Report protocol (only when data-report-url is set):
 *   POST data-report-url, JSON body
 *     {"token": data-report-token, "batch": n (increasing per page load),
 *      "client": random id per page load, "segments": [[start, end], ...],
 *      "position": currentTime, "duration": duration or null}
 *   fetch sends Content-Type application/json with the session cookie;
 *   sendBeacon (page hidden or left) sends the same JSON as text/plain.
 *   Reply {"ok": true, "watched_share": 0.42, "completed": false}.
 *   Segments are seconds of media time actually played (seeking never creates
 *   one), not merged: the server merges, so sending one twice is harmless.
 *   Bodies wait in localStorage until a 2xx reply, and are re-sent by the next
 *   flush or page load.
 */
(function () {
  'use strict';
  if (window.HocvienLecturePlayer) {
    window.HocvienLecturePlayer.initAll(); // the template was included twice
    return;
  }

  const HLS_TYPE = 'application/vnd.apple.mpegurl';
  const SAVER_KEY = 'hocvien.dataSaver';
  const POS_KEY = 'hocvien.pos.';
  const UNSENT_KEY = 'hocvien.unsent.';
  const UNSENT_MAX_AGE = 14 * 24 * 3600 * 1000; // a token this old is refused anyway

  // localStorage may be missing, full or forbidden (private mode): then we just
  // don't remember, we never fail.
  const store = {
    get(key) {
      try { return JSON.parse(window.localStorage.getItem(key)); } catch (e) { return null; }
    },
    set(key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* ignore */ }
    },
  };

  function connection() {
    return navigator.connection || {};
  }

  function slowLink() {
    const c = connection();
    return !!c.saveData || /2g|3g/.test(c.effectiveType || '');
  }

  // hls.js when Media Source Extensions can play H.264/AAC; native HLS only
  // where they can't (iPhone). Not native first: Chrome on Android (and recent
  // desktop Chromium) answers "maybe" for HLS, but its native player would
  // ignore the data saver. ManagedMediaSource (iOS 17) is left to native HLS.
  function canUseMse() {
    const MS = window.MediaSource || window.WebKitMediaSource;
    return !!(MS && MS.isTypeSupported &&
      MS.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"'));
  }

  // One download of hls.js per page, whichever player asks first; a failed
  // download (offline) may be retried by the next press of play.
  let hlsScript = null;
  function loadHls(url) {
    if (!hlsScript) {
      hlsScript = new Promise(function (resolve, reject) {
        const script = document.createElement('script');
        script.src = url;
        script.async = true;
        script.onload = function () { resolve(window.Hls); };
        script.onerror = function () {
          hlsScript = null;
          script.remove();
          reject(new Error('hls.js did not load'));
        };
        document.head.appendChild(script);
      });
    }
    return hlsScript;
  }

  function hash(text) {
    let h = 5381;
    for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
    return h.toString(36);
  }

  function randomId() {
    const bytes = new Uint8Array(8);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else bytes.forEach(function (_, i) { bytes[i] = Math.random() * 256; });
    return Array.from(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function round(seconds) {
    return Math.round(seconds * 1000) / 1000;
  }

  class Player {
    constructor(el) {
      this.el = el;
      this.data = el.dataset;
      this.video = el.querySelector('video');
      this.mode = null; // "hls" or "native" once started
      this.hls = null;
      this.audioOnly = false;
      const saved = store.get(SAVER_KEY);
      this.dataSaver = saved === null ? !!connection().saveData : !!saved;
      this.resumeAt = this.resumePosition();
      this.lastSaved = 0;
      this.tracker = this.data.reportUrl ? new Tracker(this) : null;
      this.bind();
      this.showToggles();
      this.preloadWhenScrolledTo();
    }

    part(name) {
      return this.el.querySelector('[data-lp="' + name + '"]');
    }

    status(text) {
      this.part('status').textContent = text || '';
    }

    bind() {
      const v = this.video;
      this.part('start').addEventListener('click', () => this.start());
      // The native play button works too, even before a source is attached.
      v.addEventListener('play', () => {
        this.el.classList.add('lp--started');
        if (!this.mode) this.start();
      });
      v.addEventListener('playing', () => this.status(''));
      v.addEventListener('timeupdate', () => this.onTime());
      v.addEventListener('pause', () => this.savePosition());
      v.addEventListener('error', () => { if (this.mode === 'native') this.status(this.data.tError); });
      v.addEventListener('ratechange', () => { this.part('rate').value = String(v.playbackRate); });
      this.part('rate').addEventListener('change', (e) => this.setRate(parseFloat(e.target.value)));
      this.part('saver').addEventListener('click', () => this.setDataSaver(!this.dataSaver));
      const audio = this.part('audio');
      if (audio) audio.addEventListener('click', () => this.setAudioOnly(!this.audioOnly));
      this.el.querySelectorAll('[data-lp-seek]').forEach((button) => {
        button.addEventListener('click', () => this.seekTo(parseFloat(button.dataset.lpSeek)));
      });
      this.el.addEventListener('keydown', (e) => this.onKey(e));
      window.addEventListener('pagehide', () => this.savePosition());
    }

    // hls.js is 120 kB gzip: fetch it when the learner presses play, or when
    // they scroll the player into view. Being in view at load does not count:
    // most lesson pages open on the player and many learners only read.
    preloadWhenScrolledTo() {
      if (!('IntersectionObserver' in window)) return;
      let first = true;
      const observer = new IntersectionObserver((entries) => {
        const visible = entries.some((entry) => entry.isIntersecting);
        if (visible && !first && !this.dataSaver && canUseMse()) {
          observer.disconnect();
          loadHls(this.data.hls).catch(function () { /* retried on play */ });
        }
        first = false;
      });
      observer.observe(this.el);
    }

    source() {
      return this.audioOnly ? this.data.audioSrc : this.data.src;
    }

    start() {
      if (this.mode) return this.play();
      if (canUseMse()) {
        this.mode = 'hls';
        this.status(this.data.tLoading);
        loadHls(this.data.hls).then(() => {
          this.attachHls(this.source(), this.resumeAt);
          this.play();
        }, () => {
          this.mode = null;
          this.video.pause();
          this.status(this.data.tError);
        });
      } else if (this.video.canPlayType(HLS_TYPE)) {
        // iOS wants play() inside the tap handler, hence no promise here.
        this.mode = 'native';
        this.attachNative(this.source(), this.resumeAt);
        this.play();
      } else {
        this.status(this.data.tUnsupported);
      }
    }

    play() {
      if (this.hls && this.failed) {
        this.failed = false;
        this.status(this.data.tLoading);
        this.hls.startLoad(-1);
      }
      const promise = this.video.play();
      if (promise) promise.catch(function () { /* blocked autoplay: native button remains */ });
    }

    attachHls(url, startAt) {
      const Hls = window.Hls;
      if (this.hls) this.hls.destroy();
      const hls = new Hls({
        // On 2g/3g or "save data", start on the lowest rung instead of
        // guessing 500 kbit/s and stalling on the first fragment.
        startLevel: this.dataSaver || slowLink() ? 0 : -1,
        startPosition: startAt > 0 ? startAt : -1,
        // A 360-px phone never needs the 720p rung (lifted in full screen).
        capLevelToPlayerSize: true,
        // Cheap phones have little memory: keep 30 s behind the playhead.
        backBufferLength: 30,
      });
      hls.on(Hls.Events.MANIFEST_PARSED, () => this.applyDataSaver());
      hls.on(Hls.Events.ERROR, (event, data) => {
        if (!data.fatal) return; // hls.js retries fragments by itself
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) return hls.recoverMediaError();
        this.failed = true;
        this.status(this.data.tError);
      });
      hls.loadSource(url);
      hls.attachMedia(this.video);
      this.hls = hls;
      this.failed = false;
    }

    attachNative(url, startAt) {
      const v = this.video;
      v.src = url;
      if (startAt > 0) {
        v.addEventListener('loadedmetadata', function () { v.currentTime = startAt; }, { once: true });
      }
    }

    // Data saver locks the lowest video rung. loadLevel (not currentLevel or
    // nextLevel) switches from the next fragment on without flushing: what is
    // already buffered was paid for and still plays.
    applyDataSaver() {
      if (this.hls && !this.audioOnly) this.hls.loadLevel = this.dataSaver ? 0 : -1;
    }

    setDataSaver(on) {
      this.dataSaver = on;
      store.set(SAVER_KEY, on);
      this.showToggles();
      this.applyDataSaver();
    }

    // hls.js drops audio-only variants from a master playlist that also has
    // video ones (its buffers can't switch between them), so "audio only"
    // plays the audio rendition's own playlist from the current position.
    setAudioOnly(on) {
      const v = this.video;
      this.audioOnly = on;
      this.showToggles();
      if (!this.mode) return; // applies when playback starts
      const at = v.currentTime;
      const playing = !v.paused;
      if (this.tracker) this.tracker.close();
      if (this.mode === 'hls') this.attachHls(this.source(), at);
      else this.attachNative(this.source(), at);
      if (playing) this.play();
    }

    showToggles() {
      this.part('saver').setAttribute('aria-pressed', String(this.dataSaver));
      const audio = this.part('audio');
      if (audio) audio.setAttribute('aria-pressed', String(this.audioOnly));
      this.el.classList.toggle('lp--audio', this.audioOnly);
      // The poster attribute disappears once playback starts; audio has no
      // picture, so show the poster as the element's background instead.
      const poster = this.data.poster;
      this.video.style.backgroundImage = this.audioOnly && poster ? 'url("' + poster + '")' : '';
    }

    setRate(rate) {
      // defaultPlaybackRate survives the source change of "audio only".
      this.video.defaultPlaybackRate = rate;
      this.video.playbackRate = rate;
    }

    seekTo(seconds) {
      if (!this.mode) {
        this.resumeAt = seconds;
        return this.start();
      }
      this.video.currentTime = seconds;
      this.play();
    }

    seekBy(delta) {
      if (!this.mode) return;
      const v = this.video;
      const end = isFinite(v.duration) ? v.duration : Infinity;
      v.currentTime = Math.max(0, Math.min(end, v.currentTime + delta));
    }

    toggle() {
      if (this.video.paused) this.start();
      else this.video.pause();
    }

    fullscreen() {
      const v = this.video;
      if (document.fullscreenElement) document.exitFullscreen();
      else if (this.el.requestFullscreen) this.el.requestFullscreen().catch(function () {});
      else if (v.webkitEnterFullscreen) v.webkitEnterFullscreen(); // iPhone
    }

    onKey(e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const tag = e.target.tagName;
      // Space presses a focused button, arrows move through the speed list.
      const control = tag === 'BUTTON' || tag === 'SELECT' || tag === 'A';
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      // A focused video with a source already plays and pauses on space by
      // itself (Chromium on keyup, whatever we prevent): don't do it twice.
      if (key === ' ' && tag === 'VIDEO' && this.mode) return;
      if ((key === ' ' && !control) || key === 'k') this.toggle();
      else if ((key === 'ArrowLeft' && tag !== 'SELECT') || key === 'j') this.seekBy(-10);
      else if ((key === 'ArrowRight' && tag !== 'SELECT') || key === 'l') this.seekBy(10);
      else if (key === 'f') this.fullscreen();
      else return;
      e.preventDefault();
    }

    onTime() {
      const now = Date.now();
      if (now - this.lastSaved > 5000) this.savePosition();
      const t = this.video.currentTime;
      let current = null;
      this.el.querySelectorAll('[data-lp-seek]').forEach(function (button) {
        button.removeAttribute('aria-current');
        if (parseFloat(button.dataset.lpSeek) <= t) current = button;
      });
      if (current) current.setAttribute('aria-current', 'true');
    }

    savePosition() {
      if (!this.mode) return;
      this.lastSaved = Date.now();
      store.set(POS_KEY + this.data.videoId, { t: round(this.video.currentTime), at: this.lastSaved });
    }

    // The server's last position, or the device's if newer (the server learns
    // positions only from reports, which lag). Never resume into the last 10 s.
    resumePosition() {
      const server = parseFloat(this.data.resumeAt);
      const serverAt = parseInt(this.data.resumeUpdatedAt, 10);
      const local = store.get(POS_KEY + this.data.videoId);
      let at = isFinite(server) ? server : 0;
      if (local && isFinite(local.t) && !(serverAt >= local.at)) at = local.t;
      const duration = parseFloat(this.data.duration);
      if (isFinite(duration) && at > duration - 10) at = 0;
      return Math.max(0, at);
    }
  }

  class Tracker {
    constructor(player) {
      const d = player.data;
      this.player = player;
      this.video = player.video;
      this.url = d.reportUrl;
      this.token = d.reportToken;
      this.every = (parseFloat(d.reportEvery) || 15) * 1000;
      this.key = UNSENT_KEY + hash(this.url);
      this.client = randomId();
      this.batch = 0;
      this.segment = null; // [start, end] being played now
      this.fresh = []; // closed segments not yet in a stored body
      this.lastTick = 0;
      this.lastFlush = 0;
      this.sending = false;
      this.completed = false;
      this.bind();
      this.flush(); // what an earlier page load could not deliver
    }

    bind() {
      const v = this.video;
      v.addEventListener('playing', () => this.open());
      v.addEventListener('timeupdate', () => this.tick());
      v.addEventListener('seeking', () => this.close());
      v.addEventListener('emptied', () => this.close());
      v.addEventListener('pause', () => { this.close(); this.flush(); });
      v.addEventListener('ended', () => { this.close(); this.flush(); });
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') this.flush(true);
      });
      window.addEventListener('pagehide', () => this.flush(true));
    }

    open() {
      const v = this.video;
      if (this.segment || v.paused || v.seeking) return;
      this.segment = [v.currentTime, v.currentTime];
      this.lastTick = Date.now();
      if (!this.lastFlush) this.lastFlush = this.lastTick;
    }

    tick() {
      const v = this.video;
      if (v.paused || v.seeking) return;
      if (!this.segment) return this.open();
      const now = Date.now();
      const t = v.currentTime;
      const end = this.segment[1];
      // Media time may only move forward as fast as the clock allows; any
      // other jump (a seek we missed, a reload) starts a new segment.
      const allowed = ((now - this.lastTick) / 1000) * v.playbackRate + 1;
      if (t >= end && t - end <= allowed) {
        this.segment[1] = t;
      } else {
        this.close();
        this.segment = [t, t];
      }
      this.lastTick = now;
      if (now - this.lastFlush >= this.every) this.flush();
    }

    close() {
      this.cut();
      this.segment = null;
    }

    // Moves the played part of the open segment to `fresh`, keeping it open.
    cut() {
      const s = this.segment;
      if (!s) return;
      const start = round(s[0]);
      const end = round(s[1]);
      if (end > start) this.fresh.push([start, end]);
      this.segment = [s[1], s[1]];
    }

    // Stores a new body first, then sends every stored one, so a failed or
    // cut-off request loses nothing. This page's unacknowledged bodies are
    // folded into the new one, so a long offline spell costs one request.
    flush(beacon) {
      this.cut();
      const v = this.video;
      const now = Date.now();
      const queue = [];
      let segments = [];
      (store.get(this.key) || []).forEach((entry) => {
        if (!entry || !entry.body || now - entry.at > UNSENT_MAX_AGE) return;
        if (entry.body.client === this.client) segments = segments.concat(entry.body.segments);
        else queue.push(entry);
      });
      segments = segments.concat(this.fresh);
      this.fresh = [];
      if (segments.length) {
        this.batch += 1;
        queue.push({
          at: now,
          body: {
            token: this.token,
            batch: this.batch,
            client: this.client,
            segments: segments,
            position: round(v.currentTime),
            duration: isFinite(v.duration) ? round(v.duration) : null,
          },
        });
      }
      store.set(this.key, queue);
      this.lastFlush = now;
      if (!queue.length) return;
      if (beacon) return queue.forEach((entry) => this.beacon(entry));
      if (this.sending) return; // a slow request is on its way; next flush resends
      this.sending = true;
      Promise.all(queue.map((entry) => this.post(entry))).then(() => { this.sending = false; });
    }

    post(entry) {
      return fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(entry.body),
        // A dead 3G link can hold a request open for minutes; give up so the
        // next flush may try again.
        signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(30000) : undefined,
      }).then((response) => {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        this.forget(entry);
        return response.json().then((reply) => this.show(reply), function () {});
      }).catch(function () { /* stays stored; sent again by the next flush */ });
    }

    // A beacon's delivery is unknown, so the body stays stored: the next flush
    // or page load sends it again, and the server ignores the overlap.
    beacon(entry) {
      const json = JSON.stringify(entry.body);
      if (navigator.sendBeacon &&
          navigator.sendBeacon(this.url, new Blob([json], { type: 'text/plain;charset=UTF-8' }))) return;
      fetch(this.url, {
        method: 'POST', body: json, keepalive: true, credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
      }).catch(function () {});
    }

    forget(entry) {
      const sent = entry.body;
      store.set(this.key, (store.get(this.key) || []).filter(function (other) {
        return !(other && other.body && other.body.client === sent.client && other.body.batch === sent.batch);
      }));
    }

    show(reply) {
      if (!reply || typeof reply.watched_share !== 'number') return;
      const el = this.player.el;
      const progress = this.player.part('progress');
      // Floor, so 99.6 % never reads as 100 % before the server says complete.
      const percent = Math.floor(reply.watched_share * 100);
      progress.textContent = reply.completed
        ? el.dataset.tCompleted
        : el.dataset.tWatched.replace('%(percent)s', percent);
      if (reply.completed && !this.completed) {
        this.completed = true;
        el.classList.add('lp--completed');
        el.dispatchEvent(new CustomEvent('lecture:completed', { bubbles: true, detail: reply }));
      }
    }
  }

  function initAll() {
    document.querySelectorAll('.lp[data-src]').forEach(function (el) {
      if (!el.lecturePlayer) el.lecturePlayer = new Player(el);
    });
  }

  window.HocvienLecturePlayer = { initAll: initAll };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', initAll);
  else initAll();
})();
