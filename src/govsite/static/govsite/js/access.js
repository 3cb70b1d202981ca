// Accessibility switches (长者模式 larger text, 高对比度), remembered per browser. No outside scripts.
(function () {
  "use strict";
  var root = document.documentElement;
  var buttons = document.querySelectorAll("[data-toggle-class]");
  function apply(name, on) {
    root.classList.toggle(name, on);
    buttons.forEach(function (b) {
      if (b.getAttribute("data-toggle-class") === name) b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  buttons.forEach(function (button) {
    var name = button.getAttribute("data-toggle-class");
    var stored = null;
    try { stored = window.localStorage.getItem("govsite:" + name); } catch (e) { /* storage disabled */ }
    if (stored === "1") apply(name, true);
    button.addEventListener("click", function () {
      var on = !root.classList.contains(name);
      apply(name, on);
      try { window.localStorage.setItem("govsite:" + name, on ? "1" : "0"); } catch (e) { /* ignore */ }
    });
  });
  var printButton = document.querySelector("[data-print]");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
})();
