#!/usr/bin/env node
'use strict';
// chrono_analyze.js - chrono-node as a stand-in for `chronicle analyze`, for
// the time-expression scorer:  node chrono_analyze.js [--raw] [--date D] FILE
// Prints {"text", "entities": [], "times": [{start,end,text,type,value,mod}]}
// with UTF-8 byte offsets.  A value holds the components chrono reports as
// known (a weekday or relative day counts as a known date): "2025-12-03",
// "2025-08", "2025", "2025-12-03T14:30"; chrono has no durations or sets.
const chrono = require('chrono-node');
const { byteMapper, main } = require('./common');

const pad = (n, w) => String(n).padStart(w || 2, '0');

function value(c) {
  const k = (x) => c.isCertain(x);
  const y = c.get('year'), mo = c.get('month'), d = c.get('day');
  const dateKnown = k('day') || k('weekday');
  let v;
  if (dateKnown) v = pad(y, 4) + '-' + pad(mo) + '-' + pad(d);
  else if (k('month')) v = pad(y, 4) + '-' + pad(mo);
  else if (k('year')) v = pad(y, 4);
  else if (k('hour')) v = pad(y, 4) + '-' + pad(mo) + '-' + pad(d); // a time today
  else return { type: 'DATE', value: pad(y, 4) + '-' + pad(mo) + '-' + pad(d) };
  if (k('hour')) return { type: 'TIME', value: v + 'T' + pad(c.get('hour')) + ':' + pad(c.get('minute') || 0) };
  return { type: 'DATE', value: v };
}

function analyze(text, date) {
  // The article date at noon, local time: chrono reads and reports local
  // components, so no time zone enters the values.
  let ref = new Date();
  if (date) {
    const [y, m, d] = date.split('-').map(Number);
    ref = new Date(y, m - 1, d, 12, 0, 0);
  }
  const at = byteMapper(text);
  const times = [];
  for (const r of chrono.parse(text, ref)) {
    const tv = value(r.start);
    times.push({ start: at(r.index), end: at(r.index + r.text.length), text: r.text,
      type: tv.type, value: tv.value, mod: null });
  }
  return { text, entities: [], times };
}

main(analyze);
