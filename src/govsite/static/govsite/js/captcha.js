// A click on a CAPTCHA image draws a new one: a new key and image from /captcha/refresh/, the answer
// box emptied. Without JavaScript the form still works; the writer reloads the page instead.
(function () {
  if (window.govsiteCaptcha) return; // the widget includes this script once per form
  window.govsiteCaptcha = true;
  document.addEventListener("click", function (event) {
    var image = event.target.closest && event.target.closest("img.captcha[data-refresh-url]");
    if (!image) return;
    var holder = image.parentNode;
    fetch(image.dataset.refreshUrl, { headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) { return response.json(); })
      .then(function (fresh) {
        var key = holder.querySelector('input[type="hidden"][name$="_0"]');
        var answer = holder.querySelector('input[name$="_1"]');
        image.src = fresh.image_url;
        if (key) key.value = fresh.key;
        if (answer) { answer.value = ""; answer.focus(); }
      });
  });
})();
