// 在线访谈 text broadcast: ask the feed for entries after the last one shown and append them.
// The page is complete without this script (entries are rendered on the server); see interviews/live.py
// for why this polls instead of holding a WebSocket or an event stream open. No outside scripts.
(function () {
  "use strict";
  var feed = document.querySelector("[data-live-feed]");
  if (!feed || !window.fetch || !window.JSON) return;
  var url = feed.getAttribute("data-live-url");
  var seconds = parseFloat(feed.getAttribute("data-poll-seconds")) || 5;
  var lastId = parseInt(feed.getAttribute("data-last-id"), 10) || 0;
  var note = document.querySelector("[data-live-note]");
  var badge = document.querySelector("[data-interview-state]");
  var failures = 0;
  var timer = null;
  var stopped = false;  // the session is over: nothing more will come

  if (note) note.textContent = note.getAttribute("data-js-text");

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, delay * 1000);
  }

  function append(entries) {
    entries.forEach(function (entry) {
      if (entry.id <= lastId) return;
      var empty = feed.querySelector("[data-live-empty]");
      if (empty) empty.parentNode.removeChild(empty);
      feed.insertAdjacentHTML("beforeend", entry.html);
      lastId = entry.id;
    });
  }

  function showState(data) {
    if (!badge || !data.state) return;
    badge.textContent = data.state_label;
    badge.setAttribute("data-interview-state", data.state);
    if (data.state === "archived" && note) note.textContent = note.getAttribute("data-ended-text");
  }

  function poll() {
    if (document.hidden) {
      schedule(seconds);  // a hidden tab asks again when it is shown
      return;
    }
    // No cookies: the answer is the same for everyone, so a proxy cache can serve all viewers.
    window.fetch(url + "?after=" + lastId, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        append(data.entries || []);
        showState(data);
        stopped = data.state === "archived" && !data.more;
        if (data.more) schedule(0.2);
        else if (!stopped) schedule(data.poll_seconds || seconds);
      })
      .catch(function () {
        failures += 1;
        schedule(Math.min(seconds * Math.pow(2, failures), 60));  // back off while the server is away
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !stopped) schedule(0);
  });
  schedule(seconds);
})();

// The question form's CAPTCHA: a click on the picture draws a new one (django-simple-captcha's refresh view).
(function () {
  "use strict";
  var image = document.querySelector(".interview-ask img.captcha");
  if (!image || !window.fetch) return;
  var form = image.closest("form");
  image.setAttribute("title", "看不清？点击更换");
  image.addEventListener("click", function () {
    window.fetch("/captcha/refresh/", { headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        image.src = data.image_url;
        form.querySelector("input[name='captcha_0']").value = data.key;
        var answer = form.querySelector("input[name='captcha_1']");
        answer.value = "";
        answer.focus();
      })
      .catch(function () { /* keep the old picture */ });
  });
})();
