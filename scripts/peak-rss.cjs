// Preloaded by scripts/bench.mjs (node --require): writes the process's peak resident set (every
// thread, the reports included, as getrusage counts it) to BENCH_PEAK_FILE when the process exits.
// A run's manifest.json says its peak before the reports are built; this is the whole run's.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_PEAK_FILE) writeFileSync(process.env.BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
