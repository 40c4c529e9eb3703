import type { MetricLayout } from '../engine/metrics.js';
import type { TextChunks } from './atomic-write.js';
import { BOM, csvLine } from './csv-write.js';

/**
 * draws.csv: every draw's metric rows, one line per draw and year, one column per metric.
 * Numbers are written in their shortest exact form, so reading them back gives the same bits.
 * The text is produced a draw at a time as the file is written, never held whole (8,000 draws
 * of a 10-year run were 351 MB as one string).
 */
export function drawsCsv(layout: MetricLayout, draws: readonly number[], values: Float64Array): TextChunks {
  return { chunks: () => drawsCsvLines(layout, draws, values) };
}

function* drawsCsvLines(layout: MetricLayout, draws: readonly number[], values: Float64Array): Generator<string> {
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  yield `${BOM}${csvLine(['draw', 'year', ...layout.ids])}\n`;
  for (let i = 0; i < draws.length; i++) {
    let text = '';
    layout.years.forEach((year, y) => {
      const row = [String(draws[i]), String(year)];
      for (let m = 0; m < layout.ids.length; m++) {
        const v = values[i * size + m * Y + y];
        row.push(Number.isNaN(v) ? '' : String(v));
      }
      text += `${csvLine(row)}\n`;
    });
    yield text;
  }
}

/**
 * Reads draws.csv written for `layout` back into draw indices and metric rows; undefined when it
 * does not fit the layout (header, years, a row cut short, a cell that is not a number).
 */
export function parseDrawsCsv(text: string, layout: MetricLayout): { draws: number[]; values: Float64Array } | undefined {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((l) => l !== '');
  const header = lines[0]?.split(',');
  if (!header || header.join(',') !== ['draw', 'year', ...layout.ids].join(',')) return undefined;
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  const body = lines.slice(1);
  if (body.length % Y !== 0) return undefined;
  const count = body.length / Y;
  const draws: number[] = [];
  const values = new Float64Array(count * size);
  for (let r = 0; r < body.length; r++) {
    const cells = body[r].split(',');
    const i = Math.floor(r / Y);
    const y = layout.years.indexOf(Number(cells[1]));
    if (y !== r % Y || cells.length !== layout.ids.length + 2) return undefined;
    const d = Number(cells[0]);
    if (!Number.isInteger(d) || d < 0 || (y > 0 && d !== draws[draws.length - 1])) return undefined;
    if (y === 0) draws.push(d);
    for (let m = 0; m < layout.ids.length; m++) {
      const v = cells[m + 2] === '' ? Number.NaN : Number(cells[m + 2]);
      if (cells[m + 2] !== '' && !Number.isFinite(v)) return undefined; // a damaged cell, never a silent NaN
      values[i * size + m * Y + y] = v;
    }
  }
  return { draws, values };
}
