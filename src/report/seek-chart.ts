import type { SeekPoint } from '../engine/seek.js';
import type { Chart } from './charts.js';
import type { ReportLang } from './labels.js';
import { CHART_CONFIG, STATUS_COLOURS } from './theme.js';

/** The probability of meeting the target against the varied parameter, with the confidence line and the answer. */
export function seekChart(
  points: readonly SeekPoint[],
  confidence: number,
  vary: string,
  target: string,
  answer: number | null,
  lang: ReportLang,
  /** Whole-number parameter: integer ticks on the x axis. */
  integer = false,
): Chart {
  const zh = lang === 'zh';
  const title = zh ? `目标达成概率随参数变化：${target}` : `Probability of meeting “${target}” against the parameter`;
  const values = points.map((p) => ({ value: p.value, probability: p.probability }));
  const x = { field: 'value', type: 'quantitative', title: vary, ...(integer ? { axis: { tickMinStep: 1, format: 'd' } } : {}) };
  return {
    id: 'seek',
    title,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: title, subtitle: zh ? `置信水平 ${confidence}` : `confidence ${confidence}` },
      width: 560,
      height: 260,
      config: CHART_CONFIG,
      layer: [
        {
          data: { values },
          mark: { type: 'line', point: { filled: true }, color: '#0072B2' },
          encoding: {
            x,
            y: {
              field: 'probability',
              type: 'quantitative',
              title: zh ? '达成概率' : 'probability',
              scale: { domain: [0, 1] },
              axis: { format: '.0%' },
            },
          },
        },
        {
          data: { values: [{ c: confidence }] },
          mark: { type: 'rule', strokeDash: [4, 3], color: STATUS_COLOURS.at_risk },
          encoding: { y: { field: 'c', type: 'quantitative' } },
        },
        ...(answer === null
          ? []
          : [
              {
                data: { values: [{ a: answer }] },
                mark: { type: 'rule', color: STATUS_COLOURS.met },
                encoding: { x: { field: 'a', type: 'quantitative' } },
              },
            ]),
      ],
    },
  };
}
