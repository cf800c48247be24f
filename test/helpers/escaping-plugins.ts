/**
 * Plugins whose text tries to leave the run directory: a method named with "../" segments, and a
 * dataset whose sample ids are paths. Plain objects, so they load from any folder.
 */
export const escapingMethodSource = `
export const escaping = {
  kind: 'method',
  name: '../../../../../escaped-method',
  version: '1',
  description: 'A uniform map under a name with parent-directory segments (test plugin).',
  needsModel: false,
  schema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  create: () => ({
    async explain(jobs) {
      return jobs.map((job) => ({ map: new Float32Array(job.sample.width * job.sample.height).fill(1), width: job.sample.width, height: job.sample.height }));
    },
  }),
};
`;

/** Sample i has id "../../../../../../escaped-<i>" (and one absolute path): a 16x16 image, one box of class 0. */
export const escapingDatasetSource = `
export const escapingIds = {
  kind: 'dataset',
  name: 'escaping-ids',
  version: '1',
  description: 'Samples whose ids are paths outside the run directory (test plugin).',
  schema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  create: () => ({
    classes: ['thing'],
    size: async () => 3,
    async load(index) {
      const id = index === 2 ? '/tmp/escaped-absolute' : '../../../../../../escaped-' + index;
      return { id, image: new Float32Array(3 * 16 * 16).fill(0.5), width: 16, height: 16, labels: [0],
        objects: [{ classIndex: 0, box: [4, 4, 12, 12], difficult: false }] };
    },
  }),
};
`;
