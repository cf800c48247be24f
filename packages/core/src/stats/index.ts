export { averageRanks, tieGroupSizes } from './ranks.js';
export { pearson, spearman } from './spearman.js';
export { holmAdjust } from './holm.js';
export { pairedBootstrap, type PairedInterval } from './paired-bootstrap.js';
export { wilcoxonSignedRank, normalUpperTail, EXACT_MAX_NONZERO, type WilcoxonOptions, type WilcoxonResult } from './wilcoxon.js';
export { ssim } from './ssim.js';
