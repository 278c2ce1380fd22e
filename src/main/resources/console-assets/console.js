// Draws the overview's charts from the JSON in each canvas's data-chart attribute (no inline script, so the page's
// content security policy can forbid them). The same figures are in a table under each chart.
(function () {
  "use strict";
  function draw(canvas) {
    if (typeof Chart === "undefined") { return; }
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s) {
          return { label: s.label, data: s.values, backgroundColor: s.colour, borderColor: s.colour, borderWidth: 1 };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0, color: "#212b32" } }, x: { ticks: { color: "#212b32" } } },
        plugins: { legend: { labels: { color: "#212b32" } } }
      }
    });
    canvas.setAttribute("data-drawn", "true");
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
