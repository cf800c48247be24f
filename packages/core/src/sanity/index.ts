export { mapSimilarity, type MapSimilarity } from './map-similarity.js';
export { sanityCheck, jobsWithMaps, type SanityRow, type SanityOptions } from './sanity-check.js';
export { sanityCsv, sanityTable, SANITY_COLUMNS } from './sanity-output.js';
