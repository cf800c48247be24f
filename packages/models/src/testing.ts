/**
 * `@saliency-bench/models/testing`: builders that tests and benchmarks use and runs never do
 * (random-weight reference networks of the classic architectures, as ONNX graphs).
 */
export { referenceInception, referenceResNet, referenceVgg16 } from './onnx/testing/reference-networks.js';
