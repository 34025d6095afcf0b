// Parses every ```mermaid block of the given Markdown files with Mermaid's own parser (mermaid.parse), the one
// GitHub uses to draw them; exits 1 naming the file and the error when one does not parse.
// Usage: node .ci/mermaid/check-diagrams.mjs README.md docs/state-machine.md ...
import { JSDOM } from 'jsdom';
import fs from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let diagrams = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const block of text.matchAll(/^```mermaid\n([\s\S]*?)^```/gm)) {
    diagrams++;
    try {
      await mermaid.parse(block[1]);
    } catch (e) {
      failed++;
      console.error(`${file}: a Mermaid diagram does not parse: ${e.message}`);
    }
  }
}
console.log(`${diagrams} Mermaid diagram(s) checked, ${failed} failed`);
process.exit(failed > 0 || diagrams === 0 ? 1 : 0);
