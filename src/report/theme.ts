/**
 * The house style of every chart (the comparison and goal-seek charts reuse it): white
 * background, the Okabe–Ito colour-blind-safe palette, Noto Sans SC for Chinese and Latin text,
 * and fixed colours for met / at risk / missed.
 */
export const FONT_FAMILY = 'Noto Sans SC';

/** The CSS font stack of SVG text: the shipped font first, then what Chinese desktops have. */
export const FONT_STACK = `${FONT_FAMILY}, "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", sans-serif`;

/** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const STATUS_COLOURS = { met: '#009E73', at_risk: '#E69F00', missed: '#D55E00' } as const;

/** Colours of the 亩均 grades A–D (best to worst). */
export const GRADE_COLOURS = ['#009E73', '#56B4E9', '#E69F00', '#D55E00'];

/** The vega-lite `config` block of every chart. */
export const CHART_CONFIG = {
  background: 'white',
  font: FONT_STACK,
  padding: 12,
  view: { stroke: null },
  title: {
    fontSize: 16,
    fontWeight: 'bold',
    anchor: 'start',
    offset: 14,
    color: '#222222',
    subtitleColor: '#555555',
    subtitleFontSize: 12,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom' },
  range: { category: PALETTE },
} as const;
