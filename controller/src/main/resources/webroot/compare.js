// Compare releases: GET /compare, the ranked changes as a table and the differential graph inline.
// Uses api/json/el/$ from app.js.
'use strict';

let compareGraphUrl = null;
const pct = (v) => num(v == null ? '' : v.toFixed(2));

async function compareReleases(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('#compare-form'))) if (v) params.set(k, v);
  const summary = $('#compare-summary');
  summary.textContent = 'comparing…';
  summary.className = '';
  $('#changes').hidden = true;
  $('#compare-graph').hidden = true;
  try {
    const r = await json('/compare?' + params.toString());
    summary.textContent = 'base: ' + r.base.profiles + ' profiles, ' + r.base.samples + ' samples · new: '
      + r.new.profiles + ' profiles, ' + r.new.samples + ' samples · test: ' + r.test
      // the controller says when its test has too few profiles a side to mark much
      + (r.few_profiles ? ' · few profiles: large changes may go unmarked; take at least 4 a release' : '');
    $('#changes tbody').replaceChildren(...r.changes.map((c) => el('tr', { class: c.significant ? 'significant' : '' },
      el('td', { class: 'frame' }, c.frame), pct(c.base_self_pct), pct(c.new_self_pct), pct(c.delta_pct),
      pct(c.base_total_pct), pct(c.new_total_pct), el('td', {}, c.significant ? 'yes' : ''))));
    $('#changes').hidden = false;
    // the graph is fetched with the token header and shown from a blob in a sandboxed frame
    const html = await (await fetch(r.flamegraph, { headers: { 'Authorization': 'Bearer ' + token() } })).blob();
    if (compareGraphUrl) URL.revokeObjectURL(compareGraphUrl);
    compareGraphUrl = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    $('#compare-graph').src = compareGraphUrl;
    $('#compare-graph').hidden = false;
  } catch (e) {
    summary.textContent = e.message;
    summary.className = 'error';
  }
}

$('#compare-form').addEventListener('submit', compareReleases);
