// Renews the check-in code on the session screen, and the count of
// learners checked in. Without JavaScript the page reloads itself instead.
(function () {
  "use strict";
  var box = document.getElementById("qr");
  var count = document.getElementById("count");
  var seconds = Number(box.dataset.seconds) || 15;
  function renew() {
    fetch(box.dataset.refresh, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        box.innerHTML = state.svg;
        box.dataset.url = state.url;
        count.textContent = state.checked_in;
      })
      .catch(function () { /* keep the last code; try again next time */ });
  }
  setInterval(renew, seconds * 1000);
})();
