// The roster import's pages: htmx sends the form's CSRF token as a header (a multipart body is not read for it), a
// refused file (422) replaces the form with its error summary, which then takes focus; a form marked data-once
// disables its button once sent, so a double click sends it once (the server refuses a second import anyway).
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (e) {
    var form = e.detail.elt.closest ? e.detail.elt.closest("form") : null;
    var token = form ? form.querySelector("input[name=_csrf]") : null;
    if (token) { e.detail.headers["X-CSRF-Token"] = token.value; }
  });
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (e.detail.xhr.status === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  document.addEventListener("htmx:afterSwap", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute("data-once")) { return; }
    if (form.getAttribute("data-sent") === "true") { e.preventDefault(); return; }
    form.setAttribute("data-sent", "true");
  });
})();
