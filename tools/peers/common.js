'use strict';
// common.js - what the two peer wrappers share: chronicle's `analyze` command
// line (--raw, --date D, FILE), UTF-16 index -> UTF-8 byte offset, slugs, and
// a --bench mode that times the library alone (no process start-up).
const fs = require('fs');

function parseArgs(argv) {
  const out = { date: null, files: [], bench: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--raw') continue;
    else if (a === '--date') out.date = argv[++i] || null;
    else if (a === '--bench') out.bench = true;
    else if (a.startsWith('--')) throw new Error('unknown option ' + a);
    else out.files.push(a);
  }
  if (out.date && !/^\d{4}-\d{2}-\d{2}$/.test(out.date)) throw new Error('--date wants YYYY-MM-DD');
  if (!out.files.length) throw new Error('usage: [--raw] [--date YYYY-MM-DD] [--bench] FILE...');
  return out;
}

// Maps JavaScript string indices (UTF-16 code units) to UTF-8 byte offsets.
function byteMapper(text) {
  const pos = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    pos[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      pos[++i] = b; // low surrogate: same character
      b += 4;
    } else b += 3;
  }
  pos[text.length] = b;
  return (i) => pos[Math.max(0, Math.min(i, text.length))];
}

function slug(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function countWords(text) {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

// Runs fn(text, date) per file; prints one JSON object per file, or, with
// --bench, the words per second of fn over all files (one untimed warm-up
// pass first; file reading and process start-up are not timed).
function main(fn) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(e.message + '\n');
    process.exit(2);
  }
  const texts = args.files.map((f) => fs.readFileSync(f, 'utf8'));
  if (args.bench) {
    const words = texts.reduce((n, t) => n + countWords(t), 0);
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    for (const t of texts) fn(t, args.date); // warm-up: JIT and lazy lexicons
    const t0 = process.hrtime.bigint();
    for (const t of texts) fn(t, args.date);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    process.stdout.write(JSON.stringify({ files: texts.length, words, bytes, seconds: s,
      words_per_second: Math.round(words / s), mb_per_second: bytes / s / 1e6 }) + '\n');
    return;
  }
  for (const t of texts) process.stdout.write(JSON.stringify(fn(t, args.date)) + '\n');
}

module.exports = { byteMapper, slug, main };
