// The screenshot in the README: the top of the HTML report of
// examples/weekly.yaml, at desktop width, made with Debian's chromium.
//   npm run build && node dist/bin/crimedelta.js report examples/weekly.yaml
//   node scripts/report-screenshot.mjs
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const browser = await chromium.launch({ executablePath: process.env.CRIMEDELTA_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1000, height: 1300 }, deviceScaleFactor: 1 });
await page.goto(pathToFileURL(`${root}examples/weekly.html`).href);
await page.screenshot({ path: `${root}docs/report-screenshot.png`, clip: { x: 0, y: 0, width: 1000, height: 1300 } });
await browser.close();
console.log('docs/report-screenshot.png');
