export { sharedUnits, byJob, type SharedUnits, type UnitOf } from './paired-units.js';
export { readFamilies, compareFamily, CompareInputError, type Comparison, type CompareFilter, type Family } from './compare-methods.js';
export { rankFamily, competitionRanks, type RankRow } from './rank-table.js';
export { comparisonsCsv, comparisonsTable, ranksCsv, ranksTable, COMPARISON_COLUMNS, RANK_COLUMNS } from './comparison-output.js';
