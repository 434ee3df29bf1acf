/* Hocvien LMS: H5P activities in a lesson page load only when they come
   near the screen, and take the height their content reports. */
(function () {
  "use strict";
  if (window.hocvienH5PLesson) return; // one copy per page, however many blocks
  window.hocvienH5PLesson = true;

  function load(frame) {
    if (frame.dataset.src && !frame.src) frame.src = frame.dataset.src;
  }

  function start() {
    var frames = document.querySelectorAll("iframe[data-h5p]");
    if (!("IntersectionObserver" in window)) {
      Array.prototype.forEach.call(frames, load);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          load(entry.target);
          observer.unobserve(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    Array.prototype.forEach.call(frames, function (frame) { observer.observe(frame); });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.hocvienH5P !== "height") return;
    var frames = document.querySelectorAll("iframe[data-h5p]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow === event.source && new URL(frame.src).origin === event.origin) {
        var height = Math.max(150, Math.min(Number(data.height) || 0, 5000));
        frame.style.height = height + "px";
      }
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
