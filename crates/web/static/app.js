// Asks before destructive submissions: <form data-confirm="…">. Kept in a file because the
// Content-Security-Policy allows no inline script.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Autosave when the user moves on to another group of items (a section of the entry
// screen): the form hears `section-left` and htmx posts it (hx-trigger in form_entry.html).
(function () {
  var current = null;
  document.addEventListener("focusin", function (event) {
    var section = event.target.closest && event.target.closest(".entry-section");
    if (!section) {
      return;
    }
    if (current && current !== section) {
      var form = section.closest("form");
      if (form) {
        form.dispatchEvent(new Event("section-left"));
      }
    }
    current = section;
  });
})();
