/**
 * The charts of a run besides the scorecard and the fan charts (issue #14 item 1), by file id. A
 * scenario's `report.charts` names which of these to draw, and which metrics no target names get
 * a fan chart; without it a run draws all of them and the key metrics' fans after them.
 */
export const ANALYSIS_CHARTS = [
  'carbon-budget',
  'vacated-by-policy',
  'waterfall',
  'headroom',
  'ledger-pools',
  'grades',
  'top-firms',
  'sensitivity',
] as const;

export type AnalysisChart = (typeof ANALYSIS_CHARTS)[number];
