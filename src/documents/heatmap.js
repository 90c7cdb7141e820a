// Sorting and filtering for rungs' team heatmap (src/documents/heatmap.rs). It reads the page's
// data- attributes and sets only text (textContent), never markup, so stored text cannot run.
(function () {
  'use strict';
  var tables = Array.prototype.slice.call(document.querySelectorAll('table.heatmap'));
  var rows = tables.reduce(function (all, t) { return all.concat(Array.prototype.slice.call(t.tBodies[0].rows)); }, []);
  var number = /^-?\d+(\.\d+)?$/;
  function compare(a, b) {
    if (number.test(a) && number.test(b)) { return parseFloat(a) - parseFloat(b); }
    return a.localeCompare(b);
  }
  function sort(table, column, th) {
    var body = table.tBodies[0];
    var key = function (r) { return r.cells[column].getAttribute('data-sort') || ''; };
    var numeric = body.rows.length > 0 && number.test(key(body.rows[0]));
    var current = th.getAttribute('aria-sort');
    var ascending = current ? current === 'descending' : !numeric;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var c = compare(key(a), key(b));
      return ascending ? c : -c;
    });
    sorted.forEach(function (r) { body.appendChild(r); });
  }
  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      button.title = 'Sort by this column';
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () { sort(table, column, th); });
    });
  });
  function recount(table) {
    var visible = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return !r.hidden; });
    Array.prototype.forEach.call(table.querySelectorAll('td.count'), function (cell) {
      var column = parseInt(cell.getAttribute('data-column'), 10);
      ['ready', 'growing', 'below'].forEach(function (status, i) {
        var n = visible.filter(function (r) { return r.cells[column].getAttribute('data-status') === status; }).length;
        cell.setAttribute('data-' + status, String(n));
        cell.children[i].textContent = String(n);
      });
    });
  }
  var tools = document.getElementById('tools');
  var label = document.createElement('label');
  label.textContent = 'Filter people ';
  var box = document.createElement('input');
  box.type = 'search';
  box.id = 'filter';
  box.placeholder = 'name';
  label.appendChild(box);
  var shown = document.createElement('span');
  shown.id = 'shown';
  shown.className = 'muted';
  tools.appendChild(label);
  tools.appendChild(shown);
  function filter() {
    var wanted = box.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (r) {
      r.hidden = (r.getAttribute('data-person') || '').toLowerCase().indexOf(wanted) < 0;
      if (!r.hidden) { count += 1; }
    });
    tables.forEach(recount);
    shown.textContent = count + ' of ' + rows.length + ' shown';
  }
  box.addEventListener('input', filter);
  // A link can carry a filter: team.html#filter=Sam
  var given = /^#filter=(.*)$/.exec(window.location.hash);
  if (given) {
    try { box.value = decodeURIComponent(given[1]); } catch (e) { box.value = given[1]; }
  }
  filter();
})();
