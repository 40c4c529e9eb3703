import type { Diagnostic } from '../../domain/diagnostic.js';
import { GRADES } from '../../domain/enterprise-table.js';
import { lastCompleteYear } from '../../actuals/period.js';
import { actualsOptions } from '../actuals-options.js';
import { computeBaseYear } from '../../engine/base-year.js';
import { loadScenario, shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { printDiagnostics } from '../diagnostics.js';
import { fmt, pct } from '../format.js';
import { EXIT, type Streams } from '../io-streams.js';
import { label, type Lang } from '../labels.js';

/**
 * `dcsim validate <scenario…>`: loads each scenario chain with the files it names and prints a
 * short base-year summary, or every problem found (exit 2).
 */
export async function validateCommand(
  paths: readonly string[],
  lang: Lang,
  io: Streams,
  actuals: { actuals?: string; asOf?: string } = {},
): Promise<number> {
  const problems: Diagnostic[] = [];
  for (const path of paths) {
    const { value, diagnostics } = await loadScenario(path, undefined, actualsOptions(actuals));
    if (!value) {
      problems.push(...diagnostics);
      continue;
    }
    const { scenario, registry, factors, evaluation } = value;
    const b = computeBaseYear(registry.table, scenario, factors, evaluation);
    const t = b.totals;
    const L = (k: Parameters<typeof label>[0]) => label(k, lang);
    const graded = b.grades[1] + b.grades[2] + b.grades[3] + b.grades[4];
    io.out(`${L('scenario')}: ${scenario.name} — ${scenario.title}`);
    io.out(
      `  ${L('period')}: ${scenario.period.base}–${scenario.period.end} · ${L('policies')}: ${scenario.policies.length} · ${L('targets')}: ${scenario.targets.length} · ${L('basis')}: ${scenario.accounting.electricityBasis}`,
    );
    io.out(
      `  ${L('registry')}: ${shown(scenario.files.registry)} · ${L('firms')} ${fmt(b.enterprises)} (${L('aboveScale')} ${fmt(b.aboveScale.enterprises)})`,
    );
    if (value.energyCompletion) {
      const c = value.energyCompletion;
      io.out(`  ${L('completed')}: ${msg.energyCompleted(c.firms, c.basis, c.mixes)}`);
    }
    io.out(`  ${L('baseYear')} ${b.year}:`);
    io.out(
      `    ${L('grossEnergy')} ${fmt(t.grossTce / 1e4, 1)} 万tce · ${L('dualControl')} ${fmt(t.dualControlTce / 1e4, 1)} 万tce · ${L('feedstock')} ${fmt(t.feedstockTce / 1e4, 1)} 万tce`,
    );
    io.out(
      `    ${L('co2')} ${fmt(t.co2T / 1e4, 1)} 万tCO2 (${L(scenario.accounting.carbonBoundary === 'territorial' ? 'territorial' : 'firmBoundary')}) · ${L('firmSum')} ${fmt(t.firmCo2T / 1e4, 1)} 万tCO2`,
    );
    io.out(
      `    ${L('va')} ${fmt(b.aboveScale.valueAdded / 1e4, 1)} 亿元 · ${L('vaRate')} ${pct(b.aboveScale.valueAddedRate)} · ${L('taxPerMu')} ${fmt(b.aboveScale.taxPerMu, 1)} 万元/亩`,
    );
    io.out(
      `    ${L('vaPerMu')} ${fmt(b.aboveScale.valueAddedPerMu, 1)} 万元/亩 · ${L('productivity')} ${fmt(b.aboveScale.laborProductivity, 1)} 万元/人`,
    );
    io.out(
      `    ${L('grades')}: ${GRADES.map((g, i) => `${g} ${fmt(b.grades[i + 1])} (${pct(graded ? b.grades[i + 1] / graded : Number.NaN, 0)})`).join(' · ')}${b.officialGrades ? ` · ${L('official')} ${b.officialGrades}` : ''}`,
    );
    const a = scenario.actuals;
    if (a) {
      io.out(
        `  ${L('actualsAsOf')} ${a.asOf.text}（${L('completeThrough')} ${lastCompleteYear(a.asOf)}）: ${a.files.map(shown).join(', ')} · ${fmt(a.values.length)} ${L('observations')} · ${fmt(a.actions.length)} ${L('actionsReplayed')}`,
      );
    }
    if (value.warnings.length) printDiagnostics(value.warnings, io);
    io.out(`  ✓ ${L('ok')}`);
  }
  if (problems.length) {
    printDiagnostics(problems, io);
    return EXIT.badInput;
  }
  return EXIT.ok;
}
