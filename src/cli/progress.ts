/** Progress lines on stderr, for a terminal only (the commands decide; --quiet turns them off). */

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

/** A progress bar on stderr (a terminal only): draws done, rate and time left. */
export function progressBar(): { update: (done: number, total: number) => void; clear: () => void } {
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
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done}/${total} draws · ${rate.toFixed(0)}/s · ETA ${eta.toFixed(0)} s `,
      );
    },
    clear() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}
