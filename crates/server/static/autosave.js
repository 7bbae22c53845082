// Auto-save of the exchange draft: every form marked data-autosave is posted (with its CSRF
// token, as the Save button would) a few seconds after its last change. Without this script
// the Save buttons do the same.
"use strict";
(function () {
  var DELAY = 4000;
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var timer = null;
    var status = form.querySelector(".autosave-status");
    var last = new URLSearchParams(new FormData(form)).toString();
    function save() {
      var body = new URLSearchParams(new FormData(form)).toString();
      if (body === last) { return; }
      fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Autosave": "1" },
        body: body,
        credentials: "same-origin",
      }).then(function (response) {
        if (response.ok) {
          last = body;
          if (status) { status.textContent = status.dataset.saved || "✓"; }
        } else if (status) {
          status.textContent = "✗";
        }
      }).catch(function () { if (status) { status.textContent = "✗"; } });
    }
    form.addEventListener("input", function () {
      if (status) { status.textContent = "…"; }
      clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    });
  });
})();
