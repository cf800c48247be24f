/**
 * The HTML report of a real run, opened in headless Chromium: the leaderboard rows, every gallery
 * image decoded, the curves drawn, no console errors and no network requests; a screenshot lands
 * in test/output/. Text from datasets and specs that looks like markup must stay text.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipBrowserTests } from './helpers/browser.js';
import { repoRoot, runCli, scratchDir } from './helpers/cli.js';
import { writeSpec } from './helpers/specs.js';

const outputDir = join(repoRoot, 'test/output');
const methods = ['rp', 'gradient', 'gradcam', 'rise', 'center', 'random'];
const metrics = ['pointing-game', 'energy-pointing-game', 'insertion', 'deletion', 'class-distortion', 'class-distortion-reverse'];

/** The quick start's shape (built-in CNN, all six methods, every metric, the reverse CDS too), made cheap. */
function cheapQuickstart(output: string) {
  return {
    name: 'report-check',
    description: 'The quick start made cheap: 6 synthetic images, RP with 10 steps, RISE with 200 masks.',
    seed: 5,
    datasets: [{ use: 'synthetic', options: { count: 6 } }],
    models: [{ use: 'builtin' }],
    targets: { mode: 'correct' },
    methods: [{ use: 'rp', options: { iterations: 10 } }, { use: 'gradient' }, { use: 'gradcam' }, { use: 'rise', options: { masks: 200 } }, { use: 'center' }, { use: 'random' }],
    metrics: [...metrics.slice(0, 5).map((use) => ({ use })), { use: 'class-distortion', id: 'class-distortion-reverse', options: { branch: 'preserved' } }],
    execution: { batchSize: 8 },
    output,
  };
}

interface PageLog {
  errors: string[];
  requests: string[];
}

async function openReport(page: Page, path: string): Promise<PageLog> {
  const log: PageLog = { errors: [], requests: [] };
  const own = pathToFileURL(path).href;
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
  });
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== own && !request.url().startsWith('data:')) log.requests.push(request.url());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(own, { waitUntil: 'load' });
  return log;
}

describe.skipIf(skipBrowserTests)('the HTML report in a real browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the leaderboard, every gallery image, the curves and distributions of a real run, offline and without errors', async () => {
    const dir = await scratchDir('report');
    const out = join(dir, 'run');
    const run = await runCli(['run', await writeSpec(dir, cheapQuickstart(out)), '--report', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const reportPath = join(out, 'report.html');
    expect(run.stderr).toContain(`report: ${reportPath}`);
    const bytes = (await stat(reportPath)).size;
    console.log(`report of ${out}: ${(bytes / 1024).toFixed(0)} KiB; ${run.stderr.match(/report: .*/)?.[0]}`);
    expect(bytes).toBeLessThan(2_000_000);

    const page = await browser.context.newPage();
    const log = await openReport(page, reportPath);
    const csv = parse(await readFile(join(out, 'leaderboard.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const tableRows = await page.$$eval('#leaderboard tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    expect(tableRows).toHaveLength(methods.length * metrics.length);
    expect(tableRows.map((cells) => `${cells[2]} ${cells[3]}`)).toEqual(csv.map((row) => `${row.method} ${row.metric} ${row.higher_is_better === 'true' ? '↑' : '↓'}`));
    for (const [i, cells] of tableRows.entries()) expect(cells[4]).toBe(csv[i].mean === '' ? '–' : Number(csv[i].mean).toFixed(4));

    // Sorting by the mean puts the numbers in ascending order, the empty ones last.
    await page.click('#leaderboard th:has-text("mean")');
    const sorted = await page.$$eval('#leaderboard tbody tr td:nth-child(5)', (cells) => cells.map((cell) => (cell as HTMLElement).dataset.sort ?? ''));
    const numbers = sorted.filter((v) => v !== '').map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(sorted.slice(numbers.length).every((v) => v === '')).toBe(true);

    // Every gallery image is decoded: one row per job, the image and one picture per method.
    const images = await page.$$eval('table.gallery img', (imgs) => imgs.map((img) => ({ complete: (img as HTMLImageElement).complete, width: (img as HTMLImageElement).naturalWidth })));
    const galleryRows = await page.$$eval('table.gallery tr.job-row', (rows) => rows.length);
    expect(galleryRows).toBeGreaterThanOrEqual(4);
    expect(images).toHaveLength(galleryRows * (methods.length + 1));
    expect(images.every((img) => img.complete && img.width > 0)).toBe(true);

    // Insertion and deletion: one drawn mean curve per method, each spanning the plot.
    const curves = await page.$$eval('path.curve', (paths) => paths.map((path) => ({ points: (path.getAttribute('d') ?? '').split('L').length, width: (path as SVGPathElement).getBBox().width })));
    expect(curves).toHaveLength(2 * methods.length);
    for (const curve of curves) {
      expect(curve.points).toBe(101);
      expect(curve.width).toBeGreaterThan(300);
    }
    const distortionDots = await page.$$eval('figure.chart circle', (dots) => dots.length);
    expect(distortionDots).toBeGreaterThan(0);

    await mkdir(outputDir, { recursive: true });
    const screenshot = join(outputDir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    await page.close();
  });

  it('shows class names and a spec name that contain markup as text, and draws the centre map hottest at the centre', async () => {
    const dir = await scratchDir('report-markup');
    const out = join(dir, 'run');
    const spec = {
      name: 'markup',
      description: 'Described with <script>window.__pwned = 2</script> markup',
      plugins: [join(repoRoot, 'test/fixtures/markup-dataset.mjs')],
      datasets: [{ use: 'markup-shapes' }],
      methods: [{ use: 'center' }, { use: 'random' }],
      metrics: [{ use: 'pointing-game' }],
      output: out,
    };
    const run = await runCli(['run', await writeSpec(dir, spec), '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    // The schema allows no markup in a name, but report.html must not trust spec.json: another tool may have written it.
    const markupName = '<img src=x onerror="window.__pwned = 3">';
    const saved = JSON.parse(await readFile(join(out, 'spec.json'), 'utf8'));
    saved.spec.name = markupName;
    await writeFile(join(out, 'spec.json'), JSON.stringify(saved, null, 2));
    const report = await runCli(['report', out]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout.trim()).toBe(join(out, 'report.html'));

    const page = await browser.context.newPage();
    const log = await openReport(page, join(out, 'report.html'));
    expect(await page.title()).toContain(markupName);
    expect(await page.textContent('h1')).toBe(markupName);
    expect(await page.textContent('body')).toContain('Described with <script>window.__pwned = 2</script> markup');
    const classNames = await page.$$eval('table.gallery .class', (cells) => cells.map((cell) => cell.textContent));
    expect(classNames).toContain('<img src=x onerror="window.__pwned = 1">');
    expect(classNames).toContain('plain & "quoted" <b>bold</b>');
    expect(await page.$$('img[src="x"]')).toHaveLength(0);
    expect(await page.$$('h1 *, .class *')).toHaveLength(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    await page.close();

    // visualize: the centre baseline's map peaks at pixel (24, 20) of the 48x40 image, over flat grey 0.2.
    const overlays = join(dir, 'overlays');
    const visualize = await runCli(['visualize', out, '--method', 'center', '--limit', '1', '--out', overlays]);
    expect(visualize.code, visualize.stderr).toBe(0);
    const png = join(overlays, 'markup-shapes', 'none', 'center', 'markup-0__0.png');
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([48, 40]);
    // viridis' hottest colour is #fde725; blended at opacity 0.6 over grey 0.2 (51).
    const hottest = [0xfd, 0xe7, 0x25].map((v) => Math.round(0.4 * 51 + 0.6 * v));
    let best = { x: -1, y: -1, distance: Infinity };
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const at = (y * info.width + x) * info.channels;
        const distance = hottest.reduce((sum, v, c) => sum + (data[at + c] - v) ** 2, 0);
        if (distance < best.distance) best = { x, y, distance };
      }
    }
    expect(best).toMatchObject({ x: 24, y: 20 });
    expect(best.distance).toBeLessThanOrEqual(3);

    // Bad input is exit code 2 with a message that names the problem.
    const unknownMethod = await runCli(['visualize', out, '--method', 'nope']);
    expect(unknownMethod.code).toBe(2);
    expect(unknownMethod.stderr).toMatch(/unknown method nope .*its methods are center, random/);
    const notARun = await runCli(['report', overlays]);
    expect(notARun.code).toBe(2);
    expect(notARun.stderr).toContain('is not a run directory (no spec.json)');
    // The spec's own folder holds a spec.json too, but not a run's.
    const specFolder = await runCli(['report', dir]);
    expect(specFolder.code).toBe(2);
    expect(specFolder.stderr).toContain("is not a run's spec.json");
  });
});

it.runIf(skipBrowserTests)('skips the browser tests: no chromium here (under CI=true they fail instead)', () => {
  expect(process.env.CI).not.toBe('true');
});
