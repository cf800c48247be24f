/**
 * The CLI on the genuine VOC 2007 and COCO 2014 samples (packages/datasets/test/fixtures): the
 * centre baseline's pointing game checked against hits worked out by hand, the difficult subset,
 * and bad data: exit 2 naming the file, or --skip-bad-samples.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '@saliency-bench/models';
import { repoRoot, runCli, scratchDir } from './helpers/cli.js';
import { writeSpec } from './helpers/specs.js';

const FIXTURES = join(repoRoot, 'packages/datasets/test/fixtures');
const VOC = join(FIXTURES, 'voc2007-sample');

const records = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));

function centreSpec(output: string, root: string, extra: Record<string, unknown> = {}) {
  return {
    name: 'voc-centre',
    datasets: [{ use: 'voc', options: { root, split: 'test', difficultList: join(VOC, 'pointing_game_ebp_voc07_difficult_sample.txt') } }],
    methods: [{ use: 'center' }],
    metrics: [{ use: 'pointing-game' }, { use: 'pointing-game', id: 'pointing-game-difficult', options: { subset: 'difficult' } }],
    execution: { batchSize: 2 },
    output,
    ...extra,
  };
}

describe('real datasets through the CLI', () => {
  it("scores the centre map's pointing game on the VOC 2007 test sample as worked out by hand", async () => {
    const dir = await scratchDir('voc-centre');
    const result = await runCli(['run', await writeSpec(dir, centreSpec(join(dir, 'run'), join(VOC, 'VOCdevkit'))), '--json']);
    expect(result.code).toBe(0);
    // Centre (floor(W/2), floor(H/2)); VOC boxes minus 1; hit when a box pixel is < 15 px away:
    // 000001 353x500 (176, 250): dog [47..194, 239..370] inside, person [7..351, 11..497] inside;
    // 000002 335x500 (167, 250): train [138..206, 199..300] inside;
    // 000003 500x375 (250, 187): chair [238..306, 155..204] inside; sofa [122..214, 154..194] 36 px left: miss;
    // 000004 500x406 (250, 203): the nearest car [234..333, 327..374] is 124 px below: miss;
    // 000025 500x375 (250, 187): cow [63..376, 172..372] inside, person [220..340, 3..373] inside.
    const hits = Object.fromEntries((await records(join(dir, 'run/records/voc/none/center/pointing-game.jsonl'))).map((r) => [r.key, r.value]));
    expect(hits).toEqual({
      '000001__11': 1, '000001__14': 1, '000002__18': 1, '000003__8': 1, '000003__17': 0, '000004__6': 0, '000025__9': 1, '000025__14': 1,
    });
    const rows = JSON.parse(result.stdout).leaderboard;
    // Per class: dog 1, person 2/2, train 1, chair 1, sofa 0, car 0, cow 1: mean 5/7.
    expect(Number(rows.find((r: any) => r.metric === 'pointing-game').mean)).toBeCloseTo(5 / 7, 6);
    // TorchRay's difficult list flags 000001 dog and 000003 chair and sofa: dog 1, chair 1, sofa 0.
    expect(Number(rows.find((r: any) => r.metric === 'pointing-game-difficult').mean)).toBeCloseTo(2 / 3, 6);
  });

  it('stops with exit 2 at a truncated image, keeps the finished chunk, and skips it with --skip-bad-samples', async () => {
    const dir = await scratchDir('voc-bad');
    await cp(join(VOC, 'VOCdevkit'), join(dir, 'VOCdevkit'), { recursive: true });
    const bad = join(dir, 'VOCdevkit/VOC2007/JPEGImages/000003.jpg');
    await writeFile(bad, (await readFile(bad)).subarray(0, 5000));
    const spec = await writeSpec(dir, centreSpec(join(dir, 'run'), 'VOCdevkit'));
    const stopped = await runCli(['run', spec, '--quiet']);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toMatch(new RegExp(`error: ${bad}: not a readable image`));
    // The first chunk (000001, 000002) finished before the bad one was reached.
    expect((await records(join(dir, 'run/records/voc/none/center/pointing-game.jsonl'))).map((r) => r.sampleId)).toEqual(['000001', '000001', '000002']);
    expect(JSON.parse(await readFile(join(dir, 'run/manifest.json'), 'utf8')).status).toBe('failed');

    const skipped = await runCli(['run', spec, '--skip-bad-samples', '--json']);
    expect(skipped.code).toBe(0);
    const summary = JSON.parse(skipped.stdout);
    expect([summary.samplesSkipped, summary.recordsReused, summary.skippedSamples[0].index]).toEqual([1, 6, 2]);
    expect(summary.skippedSamples[0].reason).toMatch(/000003\.jpg: not a readable image/);
    const manifest = JSON.parse(await readFile(join(dir, 'run/manifest.json'), 'utf8'));
    expect(manifest.counts.samplesSkipped).toBe(1);
    expect(manifest.skippedSamples).toEqual(summary.skippedSamples);
  });

  it('runs the centre map on the COCO sample with masks', async () => {
    const dir = await scratchDir('coco-centre');
    const coco = join(FIXTURES, 'coco2014-sample');
    const spec = {
      name: 'coco-centre',
      datasets: [{ use: 'coco', options: { images: join(coco, 'val2014'), annotations: join(coco, 'annotations/instances_val2014_sample.json') } }],
      methods: [{ use: 'center' }],
      metrics: [{ use: 'pointing-game', options: { useMasks: true } }],
      output: join(dir, 'run'),
    };
    const result = await runCli(['run', await writeSpec(dir, spec), '--json']);
    expect(result.code).toBe(0);
    const row = JSON.parse(result.stdout).leaderboard[0];
    expect(Number(row.n)).toBeGreaterThan(40);
    expect(Number(row.failed)).toBe(0);
  });

  it('validates the paper benchmark suites, which read their data and model beside the spec', async () => {
    for (const suite of ['voc2007-resnet50', 'voc2007-vgg16', 'voc2007-googlenet', 'coco2014-resnet50']) {
      const result = await runCli(['validate', `benchmarks/${suite}.json`, '--json']);
      expect(result.code).toBe(0);
      const { spec } = JSON.parse(result.stdout);
      expect([spec.targets.mode, spec.models[0].options.activation, spec.models[0].options.inputSize]).toEqual(['correct', 'sigmoid', [300, 300]]);
      expect(spec.metrics.map((m: { id: string }) => m.id)).toContain('pointing-game-difficult');
    }
  });

  it('tests an ONNX model on VOC: mAP over the 20 classes of the test split', async () => {
    const dir = await scratchDir('voc-test');
    // A 20-class linear model on the 8x8 average-pooled image: random but fixed weights.
    const g = new OnnxGraphBuilder({ opset: 13 });
    const x = g.input('input', ['N', 3, 32, 32]);
    const pooled = g.node('Flatten', [g.node('AveragePool', [x], { kernel_shape: [4, 4], strides: [4, 4] })], { axis: 1 });
    const weights = Float32Array.from({ length: 20 * 192 }, (_, i) => Math.sin(i * 12.9898) * 0.5);
    g.output(g.node('Gemm', [pooled, g.initializer('w', weights, [20, 192])], { transB: 1 }), 'logits');
    await writeFile(join(dir, 'linear.onnx'), g.toBytes());
    const result = await runCli(['test', '--model', join(dir, 'linear.onnx'), '--dataset', 'voc', '--root', join(VOC, 'VOCdevkit'), '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect([summary.dataset, summary.split, summary.count]).toEqual(['voc', 'test', 5]);
    expect(summary.perClass.map((c: { class: string }) => c.class).slice(0, 3)).toEqual(['aeroplane', 'bicycle', 'bird']);
    // Only dog, person, train, chair, sofa, car and cow occur in the five test images.
    expect(summary.perClass.filter((c: { ap: number | null }) => c.ap !== null).map((c: { class: string }) => c.class)).toEqual(['car', 'chair', 'cow', 'dog', 'person', 'sofa', 'train']);
    expect(summary.map).toBeGreaterThan(0);
    expect(summary.map).toBeLessThanOrEqual(1);
    const missing = await runCli(['test', '--model', join(dir, 'linear.onnx'), '--dataset', 'coco', '--root', 'x']);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, 'error: --dataset coco needs --annotations (the instances_<split>.json file)']);
  });
});
