/** Progress lines on stderr, for a terminal only (the commands decide; --quiet turns them off). */
import { width } from './scorecard.js';

/**
 * Whether a command shows its progress lines: on a terminal unless `--quiet`; `DCSIM_PROGRESS=1`
 * forces them where stderr is not a terminal (a log file, the tests), `--quiet` still wins.
 */
export function showProgress(quiet?: boolean): boolean {
  return !quiet && (process.stderr.isTTY === true || process.env.DCSIM_PROGRESS === '1');
}

/** A second progress line on stderr (a terminal only): "渲染图表 7/24". */
export function stepLine(what: string): { update: (done: number, total: number) => void; clear: () => void } {
  return {
    update(done, total) {
      process.stderr.write(`\r${what} ${done}/${total} `);
    },
    clear() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}

/**
 * A progress bar on stderr (a terminal only): draws done, rate and time left; `prefix` goes before
 * the bar (seek: which point is being evaluated).
 */
export function progressBar(prefix = ''): { update: (done: number, total: number) => void; clear: () => void } {
  const start = performance.now();
  let last = 0;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const rate = done / ((now - start) / 1000);
      const eta = rate > 0 ? (total - done) / rate : 0;
      const filled = Math.round((30 * done) / total);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done}/${total} draws · ${rate.toFixed(0)}/s · ETA ${eta.toFixed(0)} s `;
      // one terminal line, or \r cannot return to its start: a long prefix (seek's parameter path) is cut
      const room = (process.stderr.columns ?? 200) - 1 - bar.length;
      let head = prefix;
      if (width(prefix) > room) {
        head = '';
        for (const ch of prefix) {
          if (width(head + ch) > room - 2) break;
          head += ch;
        }
        head += '… ';
      }
      process.stderr.write(`\r${head}${bar}\x1b[K`);
    },
    clear() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}
