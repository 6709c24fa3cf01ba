// The admin's search-as-you-type pickers (select2) are named by their field's label: select2 names its box
// only by the chosen value, so an empty picker has no accessible name (axe aria-input-field-name).
(function () {
  "use strict";
  function name() {
    document.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      if (!select || !select.id) return;
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (!label) {  // a row of a table of inlines: the select is named by its column (aria-label)
        if (select.getAttribute("aria-label")) box.setAttribute("aria-label", select.getAttribute("aria-label"));
        return;
      }
      if (!label.id) label.id = select.id + "-label";
      var chosen = box.querySelector(".select2-selection__rendered");
      if (chosen) chosen.setAttribute("aria-labelledby", label.id);
      box.setAttribute("aria-labelledby", label.id + (chosen && chosen.id ? " " + chosen.id : ""));
    });
  }
  // select2 builds its boxes when jQuery is ready, which may come after the page's load event, and again for
  // every inline row added: name them whenever boxes are added.
  new MutationObserver(function (changes) {
    if (changes.some(function (change) { return change.addedNodes.length; })) name();
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
