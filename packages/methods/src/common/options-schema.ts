/** Option schemas that several methods share (TypeBox, as every plugin's options: core's stringEnum). */
import { Type } from '@sinclair/typebox';

/** `masksPerBatch`, shared by the methods that optimise or differentiate several jobs per model call. */
export const masksPerBatchOption = (rows: string) =>
  Type.Integer({ minimum: 0, description: `Jobs whose masks share one model call${rows}; 0 uses the run's batch size.` });
