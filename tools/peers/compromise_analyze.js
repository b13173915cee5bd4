#!/usr/bin/env node
'use strict';
// compromise_analyze.js - compromise as a stand-in for `chronicle analyze`,
// for the entity scorer:  node compromise_analyze.js [--raw] [--date D] FILE
// Prints {"text", "times": [], "entities": [{id, name, type, mentions}]} with
// UTF-8 byte offsets.  People, organisations and places are compromise's
// own (.people(), .organizations(), .places()); mentions with the same
// normalised text and type are one entity.  Spans lose the punctuation
// compromise leaves at their edges ("Moscow." -> "Moscow").
const nlp = require('compromise');
const { byteMapper, slug, main } = require('./common');

const KINDS = [['people', 'PERSON'], ['organizations', 'ORG'], ['places', 'PLACE']];
const EDGE = /[\p{L}\p{N}]/u;

function analyze(text) {
  const doc = nlp(text);
  const at = byteMapper(text);
  const byKey = new Map();
  const entities = [];
  for (const [method, type] of KINDS) {
    for (const m of doc[method]().json({ offset: true, terms: false })) {
      let s = m.offset.start, e = s + m.offset.length;
      while (s < e && !EDGE.test(text[s])) s++;
      while (e > s && !EDGE.test(text[e - 1])) e--;
      if (e <= s) continue;
      const name = text.slice(s, e).replace(/['’]s$/, '');
      e = s + name.length;
      const key = type + '\t' + slug(name);
      let ent = byKey.get(key);
      if (!ent) {
        ent = { id: slug(name), name, type, mentions: [] };
        byKey.set(key, ent);
        entities.push(ent);
      }
      ent.mentions.push([at(s), at(e)]);
    }
  }
  for (const ent of entities) ent.mentions.sort((a, b) => a[0] - b[0]);
  return { text, times: [], entities };
}

main(analyze);
