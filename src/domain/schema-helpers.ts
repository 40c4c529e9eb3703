import { z } from 'zod';
import { msg } from '../messages/messages.js';

/** Years a file may name: a four-digit calendar year. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** Tests whether a map key is a four-digit year within the supported range. */
export function isYearKey(key: string): boolean {
  return /^\d{4}$/.test(key) && Number(key) >= MIN_YEAR && Number(key) <= MAX_YEAR;
}

/** A `{year: value}` map with at least one entry; keys must be years. */
export function yearMapSchema<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).superRefine((m, ctx) => {
    const keys = Object.keys(m);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one year, e.g. {2021: 0.55}' });
    for (const k of keys) {
      if (!isYearKey(k)) {
        ctx.addIssue({ code: 'custom', path: [k], message: msg.notAYearKey(k) });
      }
    }
  });
}

/** Tolerance for shares that must sum to 1. */
export const SHARE_SUM_TOLERANCE = 1e-6;

/** Sums shares and tells whether they make 1 within {@link SHARE_SUM_TOLERANCE}. */
export function sharesSumToOne(shares: readonly number[]): { sum: number; ok: boolean } {
  const sum = shares.reduce((a, b) => a + b, 0);
  return { sum, ok: Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE };
}
