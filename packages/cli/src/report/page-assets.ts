/** The report's stylesheet and its one script (table sorting): inline, so the file needs no network. */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d1d1f; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.partial { background: #fff4d6; border: 1px solid #e8c35a; padding: 6px 10px; }
.muted { color: #6e6e73; font-size: 12px; }
table { border-collapse: collapse; } th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { background: #f5f5f7; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.best td { font-weight: 600; }
.arrow { color: #0a6; font-weight: 700; }
.ci-bar { display: block; position: relative; height: 4px; background: #eee; margin-top: 2px; min-width: 90px; }
.ci { position: absolute; top: 0; height: 4px; background: #79a; } .ci-mean { position: absolute; top: -2px; width: 2px; height: 8px; background: #123; }
pre { background: #f5f5f7; padding: 8px; overflow: auto; max-height: 360px; font-size: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; } dl.facts dt { color: #6e6e73; }
.gallery td { padding: 4px; border: none; } .gallery th { cursor: default; background: none; font-size: 12px; }
.gallery img { display: block; border-radius: 2px; }
.cell-values { font-size: 10.5px; color: #333; width: 128px; margin-top: 2px; } .cell-values td { padding: 0 2px; border: none; line-height: 1.25; }
.cell-values td:first-child { max-width: 84px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; } .cell-values tr.muted td { color: #aaa; }
.job { font-size: 12px; max-width: 130px; word-break: break-all; } .job .class { font-weight: 600; font-size: 13px; word-break: normal; }
.tag { display: inline-block; font-size: 10px; padding: 0 4px; border-radius: 3px; background: #e8eefc; color: #2a4a9a; }
.tag.disagreement { background: #fde9e4; color: #9a3a2a; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure.chart { margin: 0; max-width: 540px; } figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font: 11px system-ui, sans-serif; fill: #333; } svg .grid { stroke: #ddd; } svg .muted { fill: #888; }
ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.colorbar { display: inline-block; width: 160px; height: 10px; vertical-align: middle; border: 1px solid #ccc; }
`;

/** Sorts #leaderboard by the clicked column (numbers by value, text alphabetically; empty last). */
export const REPORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  var headers = table.querySelectorAll('th');
  headers.forEach(function (th) {
    function sort() {
      var column = Number(th.dataset.column);
      var numeric = th.dataset.numeric === 'true';
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) { var cell = row.cells[column]; return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent; }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === '' || y === '') return (x === '') - (y === '');
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return (ascending ? order : -order) || Number(a.dataset.index) - Number(b.dataset.index);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (event) { if (event.key === 'Enter') sort(); });
  });
});
`;
