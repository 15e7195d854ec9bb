// The strengths quiz in the browser. Three small jobs, each only where its markup is on the page:
// 1. "Try it alone" (signed out): answers are kept in this browser's localStorage, never sent anywhere.
// 2. After signing up, the space's quiz card offers to bring those answers over (a normal form post).
// 3. The space's quiz card refreshes itself when the result is revealed while the page is open.
(function () {
  "use strict";

  var KEY = "corner.quiz.v1";

  function read() {
    try { return window.localStorage ? localStorage.getItem(KEY) : null; } catch (e) { return null; }
  }
  function write(value) {
    try { if (value === null) localStorage.removeItem(KEY); else localStorage.setItem(KEY, value); } catch (e) { /* storage off: nothing kept */ }
  }

  // 1. Try it alone.
  var tryForm = document.querySelector("[data-quiz-try-form]");
  if (tryForm) {
    var noscript = document.querySelector("[data-quiz-noscript]");
    if (noscript) noscript.hidden = true;
    tryForm.hidden = false;
    var saved = document.querySelector("[data-quiz-saved]");
    var kept = null;
    try { kept = JSON.parse(read() || "null"); } catch (e) { kept = null; }
    if (kept && kept.answers) {
      Object.keys(kept.answers).forEach(function (id) {
        var input = tryForm.querySelector("input[name='q." + id + "'][value='" + String(kept.answers[id]) + "']");
        if (input) input.checked = true;
      });
    }
    tryForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = {};
      tryForm.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
        answers[input.name.slice(2)] = parseInt(input.value, 10);
      });
      write(JSON.stringify({ v: 1, answers: answers }));
      if (saved) { saved.hidden = false; saved.querySelector("a").focus(); }
    });
    var forget = tryForm.querySelector("[data-quiz-forget]");
    if (forget) forget.addEventListener("click", function () {
      write(null);
      tryForm.reset();
      if (saved) saved.hidden = true;
      var status = document.querySelector("[data-quiz-forgotten]");
      if (status) status.textContent = status.dataset.text;
    });
  }

  // 2. Carried over: the server said so, so this browser forgets them.
  if (document.querySelector("[data-quiz-carried]")) write(null);

  function offerCarry(root) {
    // localStorage only where the offer is: opening it is a cost every other page can skip.
    var carry = root.querySelector("[data-quiz-carry]");
    if (!carry) return;
    var blob = read();
    if (!blob) return;
    carry.querySelector("input[name=Blob]").value = blob;
    carry.hidden = false;
  }
  offerCarry(document);

  // 3. The reveal, live (live.js passes on every event of the stream).
  document.addEventListener("corner:live", function (e) {
    var event = e.detail || {};
    var card = document.getElementById("quiz-card");
    if (event.kind !== "quiz" || !card || card.dataset.quizBond !== event.bond || !window.cornerRefresh) return;
    window.cornerRefresh("#quiz-card").then(function () { offerCarry(document); }, function () { /* a reload shows it */ });
  });
})();
