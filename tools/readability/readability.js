#!/usr/bin/env node
// readability.js - the peer extractor for chronicle's main-text benchmark:
// Mozilla Readability on a linkedom DOM, printing the article's text.
// Usage: node tools/readability/readability.js FILE.html
'use strict';
const fs = require('fs');
const { parseHTML } = require('linkedom');
const { Readability } = require('@mozilla/readability');

function main() {
	const path = process.argv[2];
	if (!path) {
		process.stderr.write('usage: readability.js FILE.html\n');
		process.exit(2);
	}
	const html = fs.readFileSync(path, 'utf8');
	const { document } = parseHTML(html);
	const article = new Readability(document).parse();
	if (article && article.textContent)
		process.stdout.write(article.textContent.trim() + '\n');
}

main();
