/**
 * The timeline page of `investigate timeline --format html`, opened in real headless Chromium
 * (Debian's chromium, driven by playwright-core) as the report is: the picture by cloud and actor,
 * the table, each event linked to its raw record, the warnings, and no request leaving the page.
 * Fails, never skips, when Chromium is missing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium, Browser } from 'playwright-core';
import { runCli as run } from '../../bin/cli';
import { writeAwsDrillCopy } from '../incidents/aws-extra';
import { EXFILTRATION as X } from '../incidents/generator';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let dir: string;
let browser: Browser;
let rows: { time: string; principal: string | null; cloud: string; rawFile: string; rawLine: number }[];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-timeline-'));
  await writeAwsDrillCopy(path.join(dir, 'copy'));
  fs.writeFileSync(path.join(dir, 'copy', 'notes.txt'), 'not evidence\n');
  const argv = ['investigate', 'timeline', '--logs', 'copy', '--param', `principal=${X.attacker.user}`, '--param', `principal=${X.attacker.role}`, '--param', `endpoint=${X.endpoint}`, '--from', '2026-11-30T13:00:00Z', '--to', '2026-11-30T13:06:00Z'];
  const io = (sink: (t: string) => void) => ({ stdout: sink, stderr: () => undefined, cwd: dir });
  expect(await run([...argv, '--format', 'html', '--output', 'timeline.html'], io(() => undefined))).toBe(0);
  let out = '';
  expect(await run([...argv, '--format', 'json'], io((t) => void (out += t)))).toBe(0);
  rows = JSON.parse(out).rows;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the picture, the table and the links to the raw records are visible, with no request leaving the page', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path.join(dir, 'timeline.html')).href);

  expect(await page.title()).toBe('Investigation: timeline');
  // The picture: one lane per cloud and actor, one mark per event.
  expect(await page.isVisible('#timeline-picture')).toBe(true);
  const lanes = [...new Set(rows.map((r) => `${r.cloud} · ${r.principal ?? '(no principal)'}`))].sort();
  expect(lanes.length).toBeGreaterThanOrEqual(3);
  expect(await page.locator('#timeline-picture text.lane').allTextContents()).toEqual(lanes.map((l) => (l.length > 52 ? `…${l.slice(-51)}` : l)));
  expect(await page.locator('#timeline-picture circle.event').count()).toBe(rows.length);
  // The table: every event, in order, each linked to its file and line.
  expect(await page.locator('#rows tbody tr').count()).toBe(rows.length);
  const first = page.locator('#rows tbody tr').first();
  expect(await first.locator('td').first().innerText()).toBe(rows[0].time);
  const link = first.locator('a.raw');
  expect(await link.innerText()).toBe(`${rows[0].rawFile}:${rows[0].rawLine}`);
  expect(await link.getAttribute('href')).toBe(pathToFileURL(path.join(dir, 'copy', ...rows[0].rawFile.split('/'))).href);
  expect(fs.existsSync(path.join(dir, 'copy', ...rows[0].rawFile.split('/')))).toBe(true);
  // A mark in the picture leads to its row.
  await page.locator('#timeline-picture a').nth(1).click();
  expect(await page.evaluate(() => (globalThis as any).location.hash)).toBe('#event-2');
  expect(await page.locator('#warnings li').allInnerTexts()).toEqual(['copy/notes.txt: not a file of a known evidence layout (unrecognised path or content); skipped']);

  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.close();
}, 60_000);
