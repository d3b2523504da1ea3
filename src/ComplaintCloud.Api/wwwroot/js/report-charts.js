// Draws the report's bar charts with Chart.js from the page's JSON block (#report-chart-data):
// { labels: [...], charts: [{ canvas, max, stacked, datasets: [{ label, data }] }] }. Each chart's figures are also in the
// table under it, so the page says everything without this script.
(function () {
    'use strict';
    var source = document.getElementById('report-chart-data');
    if (!source || typeof Chart === 'undefined') return;
    var data = JSON.parse(source.textContent);
    // Colour-blind safe (Okabe–Ito); the five CSAT scores run from red (1) to green (5).
    var single = ['#0072B2', '#E69F00'];
    var scores = ['#C0392B', '#E67E22', '#B7B7B7', '#7FB77E', '#2E7D32'];
    var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    data.charts.forEach(function (chart) {
        var canvas = document.getElementById(chart.canvas);
        if (!canvas) return;
        var palette = chart.datasets.length === 5 ? scores : single;
        new Chart(canvas, {
            type: 'bar',
            data: {
                labels: data.labels,
                datasets: chart.datasets.map(function (set, i) {
                    return { label: set.label, data: set.data, backgroundColor: palette[i % palette.length] };
                })
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: still ? false : undefined,
                scales: {
                    x: { stacked: chart.stacked },
                    y: {
                        stacked: chart.stacked, beginAtZero: true, max: chart.max === null ? undefined : chart.max,
                        // Counts are whole numbers; a single series names its measure on the axis (its legend is hidden).
                        ticks: chart.stacked ? { precision: 0 } : {},
                        title: { display: chart.datasets.length === 1, text: chart.datasets[0].label }
                    }
                },
                plugins: { legend: { display: chart.datasets.length > 1 } }
            }
        });
    });
})();
