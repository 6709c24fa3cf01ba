// The follow-up form, enhanced: focus stays on the item just saved, and a warning before leaving
// or marking ready with unsaved text. Without it every Save still works as a plain form post.
(function () {
  "use strict";
  var unsaved = new Set();
  var saving = null;
  var leaving = false;

  document.addEventListener("input", function (event) {
    var form = event.target.closest("form.edit-item");
    if (form) unsaved.add(form.id);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    saving = event.detail.elt.id;
  });

  document.addEventListener("htmx:afterSettle", function () {
    var form = saving && document.getElementById(saving);
    if (!form) return;
    var invalid = form.querySelector("[aria-invalid=true]");
    if (form.querySelector(".saved")) unsaved.delete(form.id);
    (invalid || form.querySelector("button[type=submit]")).focus();
    saving = null;
  });

  document.addEventListener("submit", function (event) {
    var warning = event.target.dataset.unsavedWarning;
    if (!event.target.classList.contains("edit-item") && unsaved.size) {
      if (warning && !window.confirm(warning)) {
        event.preventDefault();
        return;
      }
      leaving = Boolean(warning);
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (unsaved.size && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
