/* Hocvien lecture upload page: several files at once, each sent in chunks
 * with tus-js-client (vendor/tus) to our tus server (media/admin/tus.py), so
 * a dropped connection costs at most one chunk.
 *
 * Markup and settings come from media/templates/lectures/admin/upload.html:
 * data-endpoint, data-chunk-size (bytes per PATCH), data-parallel (files sent
 * at once), data-retry-delays (JSON, ms), data-user (part of the resume
 * fingerprint), and the translated sentences in #lu-messages. Plain ES2017,
 * no build step.
 *
 * Life of one file: waiting → uploading (progress bar) ⇄ paused (connection
 * lost: tus-js-client retries after each delay; offline or out of retries,
 * the page waits for the "online" event or a timer and starts again, which
 * asks the server for the offset with HEAD) → processing (POST …/finish/ with
 * the title, collection and tags; the server checks the file and stores the
 * lecture) → done (link to edit the lecture) or error (the reason).
 * Choosing the same file again after a reload resumes it: tus-js-client keeps
 * the upload URL in localStorage under our fingerprint.
 */
(function () {
  'use strict';

  // Wagtail's admin writes the page's scripts before its main content.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }

  function init() {
    const root = document.querySelector('[data-lectures-upload]');
    if (!root || !window.tus) return;

    const text = JSON.parse(document.getElementById('lu-messages').textContent);
    const endpoint = root.dataset.endpoint;
    const chunkSize = Number(root.dataset.chunkSize) || 8 * 1024 * 1024;
    const parallel = Number(root.dataset.parallel) || 2;
    const retryDelays = JSON.parse(root.dataset.retryDelays || '[0, 1000, 3000, 5000]');
    const user = root.dataset.user || '';
    const batch = root.querySelector('[data-lu-batch]');
    const csrf = batch.querySelector('[name=csrfmiddlewaretoken]').value;
    const list = root.querySelector('[data-lu-list]');
    const rowTemplate = root.querySelector('[data-lu-row]');
    const lang = document.documentElement.lang || undefined;
    const WAIT_FOR_ONLINE = 15000; // ms before trying again without an "online" event
    const FINISH_TRIES = 4;

    const queue = [];
    let running = 0;

    function format(message, values) {
      return message.replace(/%\((\w+)\)s/g, (match, name) => (name in values ? values[name] : match));
    }

    function fileSize(bytes) {
      const big = bytes >= 1e9;
      return new Intl.NumberFormat(lang, {
        style: 'unit',
        unit: big ? 'gigabyte' : 'megabyte',
        maximumFractionDigits: 1,
      }).format(bytes / (big ? 1e9 : 1e6));
    }

    function percent(share) {
      return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
    }

    function titleOf(name) {
      const dot = name.lastIndexOf('.');
      return (dot > 0 ? name.slice(0, dot) : name).trim() || name;
    }

    function statusOf(error) {
      return error && error.originalResponse ? error.originalResponse.getStatus() : 0;
    }

    // No answer (network) or an answer worth trying again: the server is busy
    // (5xx), the offset moved (409) or another request holds the upload (423).
    function retriable(error) {
      const status = statusOf(error);
      return !status || status >= 500 || status === 409 || status === 423;
    }

    // Our server answers refusals with one translated sentence as text/plain.
    function reasonOf(error) {
      const status = statusOf(error);
      if (status === 403) return text.loggedOut;
      const body = status ? error.originalResponse.getBody() || '' : '';
      if (body && body.length < 500 && body.indexOf('<') === -1) return body.trim();
      return text.unknownError;
    }

    function fingerprint(file) {
      return Promise.resolve(
        ['hocvien-lecture', user, file.name, file.type, file.size, file.lastModified, endpoint].join('-'),
      );
    }

    class Item {
      constructor(file) {
        this.file = file;
        this.upload = null;
        this.state = '';
        this.wake = null;
        this.row = rowTemplate.content.firstElementChild.cloneNode(true);
        this.part = (name) => this.row.querySelector('[data-lu-' + name + ']');
        this.part('name').textContent = file.name;
        this.part('size').textContent = fileSize(file.size);
        this.part('title').value = titleOf(file.name);
        this.part('cancel').addEventListener('click', () => this.cancel());
        list.appendChild(this.row);
        this.setState('waiting', text.waiting);
      }

      setState(state, message) {
        this.state = state;
        this.row.dataset.state = state;
        this.part('status').textContent = message;
        const finished = state === 'done' || state === 'error' || state === 'cancelled';
        this.part('cancel').hidden = finished || state === 'processing';
        this.part('title').readOnly = finished || state === 'processing';
      }

      setProgress(sent, total) {
        const share = total ? sent / total : 0;
        this.part('progress').value = Math.round(share * 1000) / 10;
        this.part('percent').textContent = percent(share);
      }

      start() {
        running += 1;
        this.upload = new window.tus.Upload(this.file, {
          endpoint: endpoint,
          chunkSize: chunkSize,
          retryDelays: retryDelays,
          headers: { 'X-CSRFToken': csrf, 'X-Requested-With': 'XMLHttpRequest' },
          metadata: { filename: this.file.name, filetype: this.file.type || '' },
          fingerprint: fingerprint,
          storeFingerprintForResuming: true,
          removeFingerprintOnSuccess: false, // forgotten after "finish" answers
          onProgress: (sent, total) => {
            if (this.state !== 'uploading') this.setState('uploading', text.uploading);
            this.setProgress(sent, total);
          },
          onShouldRetry: (error) => {
            if (!retriable(error)) return false;
            this.setState('paused', text.paused);
            // Offline, retries would only burn the delays: wait for "online".
            return navigator.onLine !== false;
          },
          onError: (error) => {
            if (retriable(error)) this.waitAndResume();
            else this.fail(reasonOf(error));
          },
          onSuccess: () => this.finish(FINISH_TRIES),
        });
        this.upload
          .findPreviousUploads()
          .then((previous) => {
            if (previous.length) {
              this.upload.resumeFromPreviousUpload(previous[0]);
              this.setState('uploading', text.resuming);
            }
            this.upload.start();
          })
          .catch(() => this.upload.start());
      }

      waitAndResume() {
        this.setState('paused', text.paused);
        const resume = () => {
          window.removeEventListener('online', resume);
          clearTimeout(this.wake);
          this.wake = null;
          if (this.state === 'paused') this.upload.start(); // HEAD, then go on
        };
        window.addEventListener('online', resume);
        this.wake = setTimeout(resume, WAIT_FOR_ONLINE);
      }

      finish(tries) {
        this.setState('processing', text.processing);
        this.setProgress(1, 1);
        const body = new FormData(batch);
        body.delete('csrfmiddlewaretoken');
        body.set('title', this.part('title').value);
        fetch(this.upload.url.replace(/\/?$/, '/') + 'finish/', {
          method: 'POST',
          body: body,
          credentials: 'same-origin',
          headers: { 'X-CSRFToken': csrf, 'X-Requested-With': 'XMLHttpRequest' },
        })
          .then((response) =>
            response
            .json()
            .catch(() => ({ ok: false, error: response.status === 403 ? text.loggedOut : text.unknownError }))
            .then((answer) => Object.assign(answer, { gone: response.status === 404 })),
          )
          .then((answer) => {
            this.forget();
            if (answer.ok) this.done(answer);
            // A repeated call whose first one did arrive finds no upload.
            else if (tries < FINISH_TRIES && answer.gone) this.fail(text.finishLost);
            else this.fail(answer.error || text.unknownError);
          })
          .catch(() => {
            // No answer: try again; the server refuses a second finish (404),
            // so at worst we say we cannot tell.
            if (tries > 1) setTimeout(() => this.finish(tries - 1), 3000);
            else this.fail(text.finishLost);
          });
      }

      // The server removed the upload: drop its URL from localStorage.
      forget() {
        const url = this.upload.url;
        const storage = window.tus.defaultOptions.urlStorage;
        this.upload
          .findPreviousUploads()
          .then((previous) =>
            previous.filter((p) => p.uploadUrl === url).forEach((p) => storage.removeUpload(p.urlStorageKey)),
          )
          .catch(() => {});
      }

      done(answer) {
        this.setState('done', text.done);
        const link = document.createElement('a');
        link.href = answer.edit_url;
        link.textContent = text.edit + ': ' + answer.title;
        this.part('status').append(' — ', link);
        this.release();
      }

      fail(reason) {
        this.setState('error', format(text.failed, { reason: reason }));
        this.release();
      }

      cancel() {
        const index = queue.indexOf(this);
        if (index !== -1) queue.splice(index, 1);
        clearTimeout(this.wake);
        const wasRunning = this.upload !== null;
        this.setState('cancelled', text.cancelled);
        if (wasRunning) {
          this.upload.abort(true).catch(() => {}); // DELETE on the server
          this.release();
        }
      }

      release() {
        if (this.released) return;
        this.released = true;
        running -= 1;
        pump();
      }
    }

    function pump() {
      while (running < parallel && queue.length) queue.shift().start();
    }

    function add(files) {
      Array.from(files).forEach((file) => queue.push(new Item(file)));
      pump();
    }

    const input = root.querySelector('[data-lu-input]');
    input.addEventListener('change', () => {
      add(input.files);
      input.value = ''; // the same file may be chosen again later
    });

    const zone = root.querySelector('[data-lu-zone]');
    ['dragenter', 'dragover'].forEach((name) =>
      zone.addEventListener(name, (event) => {
        event.preventDefault();
        zone.classList.add('hovered');
      }),
    );
    ['dragleave', 'dragend'].forEach((name) => zone.addEventListener(name, () => zone.classList.remove('hovered')));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('hovered');
      if (event.dataTransfer && event.dataTransfer.files.length) add(event.dataTransfer.files);
    });
    // A file dropped next to the zone must not replace the page.
    ['dragover', 'drop'].forEach((name) => document.addEventListener(name, (event) => event.preventDefault()));

    window.addEventListener('beforeunload', (event) => {
      if (running > 0 || queue.length) {
        event.preventDefault();
        event.returnValue = text.leave;
      }
    });
  }
})();
