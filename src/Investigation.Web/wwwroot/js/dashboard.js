// Draws each chart from the table next to it, so the picture and the accessible table always show
// the same figures: a <canvas data-chart-for="id"> charts the rows of <table id="id"> (label from
// the row header, value from the cell with data-value).
(function () {
  'use strict';
  if (!window.Chart) return;
  document.querySelectorAll('canvas[data-chart-for]').forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute('data-chart-for'));
    if (!table) return;
    var labels = [];
    var values = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var header = row.querySelector('th');
      var cell = row.querySelector('[data-value]');
      if (!header || !cell) return;
      labels.push(header.textContent.trim());
      values.push(Number(cell.getAttribute('data-value')));
    });
    var horizontal = table.getAttribute('data-chart-horizontal') === 'true';
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: table.getAttribute('data-chart-label') || '', data: values, backgroundColor: '#1565c0' }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        // The page sizes each chart's box; the chart fills it.
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        // Long Chinese labels read across, beside their bars, cut to a line rather than slanted or skipped.
        scales: horizontal
          ? { x: { beginAtZero: true, ticks: { precision: 0 } },
              y: { ticks: { autoSkip: false, callback: function (v) { var l = this.getLabelForValue(v); return l.length > 16 ? l.slice(0, 15) + '…' : l; } } } }
          : { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { autoSkip: false, maxRotation: 0 } } }
      }
    });
  });
})();
