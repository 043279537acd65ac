/**
 * Opens report.html in real headless Chromium (Debian's chromium, driven by playwright-core) and
 * checks what a reader sees. Fails, never skips, when Chromium is missing: .ci/run installs it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, Browser } from 'playwright-core';
import { createAwsApp } from '../../cdk/app';
import { createCdktfApp } from '../../cdktf/app';
import { main } from '../../bin/cli';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let dir: string;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-browser-'));
  createAwsApp({ outdir: path.join(dir, 'cdk.out') }).app.synth();
  createCdktfApp(path.join(dir, 'cdktf.out')).app.synth();
  const code = main(['report', 'cdk.out', 'cdktf.out', '--out', 'report'], { stdout: () => undefined, stderr: () => undefined, cwd: dir });
  expect(code).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the coverage matrix and the three scenarios are visible in Chromium, colour-coded, with no request leaving the page', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${path.join(dir, 'report', 'report.html')}`);

  expect(await page.title()).toBe('Forensic readiness report');
  expect(await page.isVisible('#coverage')).toBe(true);
  expect(await page.locator('#coverage tbody tr').count()).toBe(11);
  expect(await page.locator('#coverage thead th').allInnerTexts()).toEqual(['Evidence source', 'AWS', 'GCP', 'AZURE']);

  const captured = page.locator('#coverage td.captured').first();
  expect(await captured.isVisible()).toBe(true);
  const green = await captured.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
  const grey = await page.locator('#coverage td.unavailable').first().evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
  expect(green).not.toBe(grey);

  const scenarios = page.locator('#scenarios section.scenario');
  expect(await scenarios.count()).toBe(3);
  for (let i = 0; i < 3; i++) expect(await scenarios.nth(i).isVisible()).toBe(true);
  expect(await page.locator('#scenario-model-exfiltration-sagemaker h3').innerText()).toMatch(/Model exfiltration/);
  expect(await page.locator('#verdict').innerText()).toBe('PASSED');

  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.close();
}, 60_000);

test('the page prints: a PDF renders with the matrix in it', async () => {
  const page = await browser.newPage();
  await page.goto(`file://${path.join(dir, 'report', 'report.html')}`);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(20_000);
  await page.close();
}, 60_000);
