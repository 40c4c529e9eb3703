import type { create } from 'mathjs';
import { msg } from '../messages/messages.js';

/**
 * A sandboxed mathjs instance for scenario expressions, evaluated once at resolve time and
 * never in the hot loop (mathjs is ~40× slower than plain JS, DESIGN §7). Following the mathjs
 * security guide, the functions that change the instance or parse new input are replaced by
 * ones that refuse (DESIGN §8); mathjs itself refuses access to constructors and prototypes.
 */
type MathInstance = ReturnType<typeof create>;
const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'reviver', 'compile'] as const;
let sandbox: { math: MathInstance; evaluate: MathInstance['evaluate'] } | undefined;

/**
 * Loads mathjs and builds the sandbox; call once before resolving a scenario that has
 * expressions. Importing mathjs costs most of a second, so a scenario without expressions
 * never pays it.
 */
export async function loadExpressionEngine(): Promise<void> {
  if (sandbox) return;
  const { all, create: createMath } = await import('mathjs');
  const math = createMath(all, { number: 'number' });
  const evaluate = math.evaluate.bind(math);
  math.import(
    Object.fromEntries(
      DISABLED.map((name) => [
        name,
        () => {
          throw new Error(`function ${name} is disabled in scenario expressions`);
        },
      ]),
    ),
    { override: true },
  );
  sandbox = { math, evaluate };
}

/** The outcome of one expression: a finite number, or why not. */
export type ExpressionResult = { ok: true; value: number } | { ok: false; message: string };

/**
 * Evaluates an expression with the given named constants in scope (after
 * {@link loadExpressionEngine}). The scope is a fresh Map, so an expression cannot change
 * another's view of the constants.
 */
export function evaluateExpression(expr: string, constants: ReadonlyMap<string, number>): ExpressionResult {
  if (!sandbox) throw new Error('evaluateExpression called before loadExpressionEngine()');
  const { math, evaluate } = sandbox;
  let result: unknown;
  try {
    result = evaluate(expr, new Map(constants));
  } catch (e) {
    return { ok: false, message: msg.expressionFailed(expr, (e as Error).message) };
  }
  if (typeof result === 'number' && Number.isFinite(result)) return { ok: true, value: result };
  if (typeof result === 'boolean') return { ok: true, value: result ? 1 : 0 };
  const got = typeof result === 'number' ? String(result) : typeof result === 'function' ? 'a function' : `a ${math.typeOf(result)}`;
  return { ok: false, message: msg.expressionNotNumber(expr, got) };
}
