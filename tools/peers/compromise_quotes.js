#!/usr/bin/env node
'use strict';
// compromise_quotes.js - compromise as a stand-in for chronicle's quotes, for
// the quote scorer:  node compromise_quotes.js [--raw] [--date D] FILE
// What one would glue together with compromise alone: its .quotations()
// are the quotes; the speaker is the person (.people()) of the same
// sentence nearest after the quote, else nearest before it, else the last
// speaker found (a quote paragraph that continues someone's words).
// Prints {"text", "entities", "quotes": [{speaker, text, start, end}]}
// with UTF-8 byte offsets.
const nlp = require('compromise');
const { byteMapper, slug, main } = require('./common');

function analyze(text) {
  const doc = nlp(text);
  const at = byteMapper(text);
  const span = (m) => [m.offset.start, m.offset.start + m.offset.length];
  const sentences = doc.sentences().json({ offset: true, terms: false }).map(span);
  const people = doc.people().json({ offset: true, terms: false }).map((m) => {
    const [s, e] = span(m);
    return { s, e, id: slug(text.slice(s, e).replace(/['’]s$/, '')) };
  }).filter((p) => p.id);
  const entities = new Map();
  for (const p of people) {
    if (!entities.has(p.id)) entities.set(p.id, { id: p.id, name: p.id, type: 'PERSON', mentions: [] });
    entities.get(p.id).mentions.push([at(p.s), at(p.e)]);
  }
  const sentenceOf = (i) => sentences.find(([s, e]) => i >= s && i < e) || [i, i];
  const quotes = [];
  let last = null;
  for (const q of doc.quotations().json({ offset: true, terms: false })) {
    const [s, e] = span(q);
    const [ss, se] = sentenceOf(s);
    const after = people.filter((p) => p.s >= e && p.s < se);
    const before = people.filter((p) => p.e <= s && p.s >= ss);
    const who = after.length ? after[0] : before.length ? before[before.length - 1] : null;
    const speaker = who ? who.id : last;
    if (who) last = who.id;
    quotes.push({ speaker, text: text.slice(s, e), start: at(s), end: at(e) });
  }
  return { text, times: [], entities: [...entities.values()], quotes, events: [], claims: [] };
}

main(analyze);
