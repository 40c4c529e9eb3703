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
  // ASCII quotes in English: the CJK font draws “ ” full width
  const title = zh ? `目标达成概率随参数变化：${target}` : `Probability of meeting "${target}" against the parameter`;
  const pc = `${Math.round(confidence * 100)} %`;
  const shown = answer === null ? '' : String(Number(answer.toFixed(integer ? 0 : 4)));
  // what the two rules mean, in words (issue #14 item 4: every mark explained)
  const subtitle = zh
    ? `蓝线：各取值的达成概率 · 橙色虚线：置信水平 ${pc}${answer === null ? '' : ` · 绿线：答案 ${shown}`}`
    : `blue: probability at each value · dashed orange: confidence ${pc}${answer === null ? '' : ` · green: the answer ${shown}`}`;
  const values = points.map((p) => ({ value: p.value, probability: p.probability }));
  const x = { field: 'value', type: 'quantitative', title: vary, ...(integer ? { axis: { tickMinStep: 1, format: 'd' } } : {}) };
  return {
    id: 'seek',
    title,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: title, subtitle },
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
