/**
 * The contracts every plugin author reads first. Images are Float32Array in CHW order per image
 * (NCHW per batch) with values in [0, 1] before model normalisation. A map is an H×W Float32Array.
 */
import type { JSONSchemaType } from './json-schema.js';
import type { HeadEvaluation, LossHead } from './model/loss-head.js';

/** One annotated object of a sample. Boxes are pixel coordinates [x0, y0, x1, y1], inclusive. */
export interface SampleObject {
  classIndex: number;
  box: [x0: number, y0: number, x1: number, y1: number];
  /** Very small or heavily occluded: pointing-game protocols skip pairs whose objects are all difficult. */
  difficult: boolean;
  /** Optional pixel mask, height×width, 1 inside the object (COCO, synthetic). */
  mask?: Uint8Array;
}

/** One image with its ground truth, at its original size. */
export interface Sample {
  /** Stable within its dataset; safe to use in file names. */
  id: string;
  /** CHW, 3 channels, values in [0, 1]. */
  image: Float32Array;
  width: number;
  height: number;
  /** Distinct class indices present in the image. */
  labels: number[];
  objects: SampleObject[];
  /**
   * Optional: the classes of this sample in the pointing game's "difficult" subset (TorchRay's
   * EBP lists), set by datasets that were given such a list.
   */
  difficultSubset?: number[];
}

/** A classifier's output activation: sigmoid for multi-label models, softmax for single-label ones. */
export type Activation = 'sigmoid' | 'softmax';

/** What a model exposes to methods and metrics. */
export interface ClassifierInfo {
  name: string;
  classes: readonly string[];
  /** [channels, height, width] the model expects. */
  inputShape: readonly [c: number, h: number, w: number];
  activation: Activation;
  /** Per-channel normalisation the model expects: x_model = (x - mean) / std. */
  mean: number[];
  std: number[];
}

/** A differentiable image classifier. All tensors are model-normalised NCHW at info.inputShape. */
export interface Classifier {
  info: ClassifierInfo;
  /** Logits [n, K]. */
  forward(x: Float32Array, n: number): Promise<Float32Array>;
  /** Logits [n, K] and the vector-Jacobian product J^T gLogits with respect to the input, NCHW. */
  vjp(x: Float32Array, n: number, gLogits: Float32Array): Promise<{ logits: Float32Array; gInput: Float32Array }>;
  /**
   * Optional: logits, a named intermediate activation and the gradient of sum(gLogits * logits)
   * with respect to it (Grad-CAM).
   */
  intermediate?(
    x: Float32Array,
    n: number,
    layer: string,
    gLogits: Float32Array,
  ): Promise<{ logits: Float32Array; activation: Float32Array; gradient: Float32Array; shape: number[] }>;
  /**
   * Optional: one call that evaluates a loss head on the logits inside the engine's backward
   * pass and returns the logits, each row's loss parts and dL/dinput (model/loss-head.ts).
   */
  vjpWithHead?(x: Float32Array, n: number, head: LossHead): Promise<HeadEvaluation>;
  dispose(): Promise<void>;
}

/**
 * The model's view of a sample before any perturbation. The runner computes it once per sample and
 * model (one forward call per chunk of samples, the one target selection reads) and hands it to
 * every method and metric on `Job.clean`. Outside the runner, core's `cleanPassesOf(jobs, model)`
 * returns the jobs' passes, computing the missing ones.
 */
export interface CleanPass {
  /** The model it was computed with (its `info` object): a pass made with another model is not used. */
  model: ClassifierInfo;
  /** toModelInput(sample, model): resized to the model's inputShape and normalised, CHW. */
  input: Float32Array;
  /** Logits [K] of `input`. */
  logits: Float32Array;
  /** probabilities(logits) with the model's activation [K]. */
  probabilities: Float32Array;
}

/** One attribution to compute: a sample and the class to explain. */
export interface Job {
  sample: Sample;
  classIndex: number;
  /** Stable id of (sample, class), e.g. "000012__7"; used for file names and seeding. */
  key: string;
  /** The sample's clean pass through the run's model (shared by the jobs of one sample); absent without a model. */
  clean?: CleanPass;
}

/** Probabilities that the class distortion score needs (length K each). */
export interface AttributionProbs {
  clean: Float32Array;
  perturbed?: Float32Array;
  preserved?: Float32Array;
}

/** A saliency map: higher = more important. */
export interface Attribution {
  map: Float32Array;
  height: number;
  width: number;
  /** Declared as the output 'probs' (MethodPlugin.outputs). */
  probs?: AttributionProbs;
}

/**
 * What an attribution can hold, by field name: 'map' always, 'probs' when the method declares it.
 * Methods declare theirs (MethodPlugin.outputs), metrics the ones they read (MetricPlugin.requires);
 * a metric paired with a method that does not declare what it requires is skipped for that method.
 */
export type AttributionOutput = Exclude<keyof Attribution, 'height' | 'width'>;

/** Deterministic random numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Fill an array with N(mean, std) samples (float32 or float64: the values are rounded to it). */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean?: number, std?: number): T;
}

export interface MethodContext {
  /** Absent when the spec declares no model (methods that need none, e.g. center, random). */
  model?: Classifier;
  /** A PRNG keyed by (spec seed, job key, method id): the same whatever the batch. */
  random(job: Job): Random;
  signal: AbortSignal;
  /**
   * Preferred number of jobs per model call: the default of a method's `masksPerBatch` (the spec's
   * `execution.batchSize`; see ExecutionOptions for its other uses).
   */
  batchSize: number;
}

export interface AttributionMethod {
  explain(jobs: Job[], ctx: MethodContext): Promise<Attribution[]>;
  dispose?(): Promise<void>;
}

/** A metric result for one job: a union keyed on state, so nothing is silently dropped. */
export type MetricRecord =
  | { state: 'done'; key: string; sampleId: string; classIndex: number; value: number; extra?: Record<string, unknown> }
  | { state: 'skipped' | 'failed'; key: string; sampleId: string; classIndex: number; reason: string };

export type DoneRecord = Extract<MetricRecord, { state: 'done' }>;

export interface MetricContext {
  model?: Classifier;
  random(job: Job): Random;
  signal: AbortSignal;
  /** A report is wanted: metrics that trace a curve (insertion, deletion) keep a copy of it in the record. */
  recordCurves?: boolean;
}

export interface Metric {
  evaluate(job: Job, attribution: Attribution, ctx: MetricContext): Promise<MetricRecord>;
  dispose?(): Promise<void>;
}

export interface Dataset {
  /** Class names, indexed by classIndex. */
  classes: readonly string[];
  /** Number of samples available (before the spec's limit). */
  size(): Promise<number>;
  /** Load the sample at a position in [0, size). */
  load(index: number): Promise<Sample>;
  /**
   * Optional: the position of the sample with this id, without loading anything (undefined when
   * no sample has it). Reports use it to fetch a few samples of a large run; without it they scan.
   */
  indexOf?(id: string): number | undefined;
  dispose?(): Promise<void>;
}

export interface ModelContext {
  /** Absolute directory of the spec file: relative paths in options resolve against it. */
  baseDir: string;
  /** Classes of the dataset the model is paired with. */
  datasetClasses: readonly string[];
  execution: ExecutionOptions;
}

export interface ExecutionOptions {
  /**
   * One size, four batches: samples loaded (and targets selected) per chunk; jobs per
   * `explain` call; the default jobs per model call of the batched methods (MethodContext.batchSize,
   * `masksPerBatch` 0); and the engines' largest batch per model call (`maxBatch` by default).
   */
  batchSize: number;
  threads: number;
  provider: string;
}

export interface CreateContext {
  /** Absolute directory of the spec file. */
  baseDir: string;
  /** The spec's seed. */
  seed: number;
}

/** Fields every plugin definition shares. */
export interface PluginBase<Options> {
  name: string;
  version: string;
  description: string;
  /** JSON Schema of the options object (properties with defaults; additionalProperties false). */
  schema: JSONSchemaType;
  /** Values of the options that no preset sets (merged under the preset and the spec's options). */
  defaults: Partial<Options>;
  /**
   * Optional: named sets of options (a paper's settings, an official code's), chosen with the
   * `preset` option and applied over `defaults`, under the options given alongside. `list` shows them.
   */
  presets?: Record<string, PluginPreset<Options>>;
  /** The preset used when none is named (required with `presets`). */
  defaultPreset?: string;
  /** An older spelling of `preset` that still works (ep's `benchmark`, rp's `reference`). */
  presetAlias?: string;
}

/**
 * The options a plugin's `create` accepts from its caller: any subset, since the define*
 * factories fill in the defaults and the preset (named by `preset`, or by the plugin's
 * `presetAlias`) and validate before the plugin's own `create` sees them.
 */
export type GivenOptions<Options> = Partial<Options> & { preset?: string };

export interface PluginPreset<Options> {
  /** One line: where these settings come from. */
  description: string;
  options: Partial<Options>;
}

export interface MethodPlugin<Options = Record<string, unknown>> extends PluginBase<Options> {
  kind: 'method';
  /** Whether the method needs a model (the spec must then declare one). */
  needsModel: boolean;
  /** What its attributions hold (default ['map']): e.g. ['map', 'probs'] for the class distortion score. */
  outputs?: readonly AttributionOutput[];
  create(options: GivenOptions<Options>, ctx: CreateContext): AttributionMethod | Promise<AttributionMethod>;
}

export interface MetricPlugin<Options = Record<string, unknown>> extends PluginBase<Options> {
  kind: 'metric';
  needsModel: boolean;
  /**
   * The attribution outputs it reads besides the map (default none). Paired with a method that
   * does not declare them, its records for that method are skipped up front, with the reason.
   */
  requires?: readonly AttributionOutput[];
  higherIsBetter: boolean;
  /**
   * The headline statistic over finished records (default: the mean of `value`). The pointing
   * game, for example, averages per class. Lives on the plugin, not the instance, so that
   * `leaderboard` can aggregate a run directory without creating metrics; core bootstraps it for the CI.
   */
  statistic?(records: DoneRecord[]): number;
  /**
   * The unit that paired comparisons match between methods (default: the job key). A unit's value
   * is the mean of its records, and the statistic must be the mean over units: the pointing game
   * pairs per class, since it averages per-class hit rates.
   */
  pairingUnit?(record: DoneRecord): string;
  create(options: GivenOptions<Options>, ctx: CreateContext): Metric | Promise<Metric>;
}

export interface DatasetPlugin<Options = Record<string, unknown>> extends PluginBase<Options> {
  kind: 'dataset';
  create(options: GivenOptions<Options>, ctx: CreateContext): Dataset | Promise<Dataset>;
}

export interface ModelPlugin<Options = Record<string, unknown>> extends PluginBase<Options> {
  kind: 'model';
  create(options: GivenOptions<Options>, ctx: ModelContext): Classifier | Promise<Classifier>;
}

export type AnyPlugin = MethodPlugin<any> | MetricPlugin<any> | DatasetPlugin<any> | ModelPlugin<any>;
export type PluginKind = AnyPlugin['kind'];
