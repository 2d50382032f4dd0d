// Renders web/public/favicon.svg into the PNG icons of the web app manifest and favicon.ico
// (issue 27: a real favicon and manifest icons). Run once after changing the SVG; the outputs are
// committed so that the build needs no browser: `node scripts/make-icons.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../web/public/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', dir), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const page = await browser.newPage();
async function png(size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, dir), await png(size));
writeFileSync(new URL('apple-touch-icon.png', dir), await png(180));
// favicon.ico: an ICO directory whose one 32×32 entry is a PNG (read by every current browser).
const icon = await png(32);
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(1, 4);
header.writeUInt8(32, 6);
header.writeUInt8(32, 7);
header.writeUInt16LE(1, 10);
header.writeUInt16LE(32, 12);
header.writeUInt32LE(icon.length, 14);
header.writeUInt32LE(22, 18);
writeFileSync(new URL('favicon.ico', dir), Buffer.concat([header, icon]));
await browser.close();
