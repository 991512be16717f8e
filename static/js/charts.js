// Draws every chart on the page from its JSON data block (inspections/charts.py, Chart.html). Kept out of the
// page so that the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll(".app-plotly").forEach(function (container) {
      var block = container.querySelector('script[type="application/json"]');
      if (!block) { return; }
      var figure = JSON.parse(block.textContent);
      block.remove();
      window.Plotly.newPlot(container, figure.data, figure.layout, figure.config);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
