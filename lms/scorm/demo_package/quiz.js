/* Kiểm tra nhanh: reports each answer, the score and passed/failed to the
 * LMS through the SCORM 1.2 API, and finishes when the page is left. */
(function () {
  "use strict";

  function findApi(win) {
    for (var depth = 0; win && depth < 10; depth += 1) {
      if (win.API) return win.API;
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = findApi(window);
  var finished = false;
  if (api) {
    api.LMSInitialize("");
    if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    }
  }

  function finish() {
    if (api && !finished) {
      finished = true;
      api.LMSFinish("");
    }
  }

  document.getElementById("quiz").addEventListener("submit", function (event) {
    event.preventDefault();
    var questions = document.querySelectorAll("fieldset[data-question]");
    var right = 0;
    questions.forEach(function (question, index) {
      var chosen = question.querySelector("input:checked");
      var answer = chosen ? chosen.value : "";
      var correct = answer === question.dataset.answer;
      if (correct) right += 1;
      if (!api) return;
      var prefix = "cmi.interactions." + index + ".";
      api.LMSSetValue(prefix + "id", question.dataset.question);
      api.LMSSetValue(prefix + "type", "choice");
      api.LMSSetValue(prefix + "correct_responses.0.pattern", question.dataset.answer);
      if (answer) api.LMSSetValue(prefix + "student_response", answer);
      api.LMSSetValue(prefix + "result", correct ? "correct" : "wrong");
    });
    var score = Math.round((100 * right) / questions.length);
    var passed = score >= 70;
    if (api) {
      api.LMSSetValue("cmi.core.score.raw", String(score));
      api.LMSSetValue("cmi.core.score.min", "0");
      api.LMSSetValue("cmi.core.score.max", "100");
      api.LMSSetValue("cmi.core.lesson_status", passed ? "passed" : "failed");
      api.LMSCommit("");
    }
    document.getElementById("result").textContent =
      "Bạn trả lời đúng " + right + "/" + questions.length + " câu (" + score + "%). " +
      (passed ? "Đạt." : "Chưa đạt, hãy xem lại bài và làm lại.");
  });

  window.addEventListener("pagehide", finish);
})();
