import { createRequire } from 'node:module';
import type { MathNode, parse as ParseFn } from 'mathjs';
import { msg } from '../messages/messages.js';

/**
 * Scenario expressions (DESIGN §3, §8): scalar arithmetic over numbers and the scenario's named
 * constants, evaluated once at resolve time and never in the hot loop. mathjs only parses (on a
 * private instance nothing else can reach); the tree is then checked against an allow-list and
 * evaluated here by a small scalar evaluator, so no expression can draw random numbers, read the
 * clock, build a matrix, assign, or change the maths engine for later expressions or the other
 * scenarios of a compare (`config`, `import`, `createUnit` …): the same scenario and seed give
 * the same numbers, and each expression costs at most {@link MAX_EXPRESSION_NODES} steps.
 */

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 500;
/** Most nodes an expression's tree may have. */
export const MAX_EXPRESSION_NODES = 200;

type Fn = (...args: number[]) => number;

/** The pure scalar functions an expression may call, with the number of arguments each takes. */
const FUNCTIONS: Readonly<Record<string, { readonly arity: readonly [number, number]; readonly fn: Fn }>> = {
  abs: { arity: [1, 1], fn: Math.abs },
  sign: { arity: [1, 1], fn: Math.sign },
  min: { arity: [1, 20], fn: Math.min },
  max: { arity: [1, 20], fn: Math.max },
  exp: { arity: [1, 1], fn: Math.exp },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  log10: { arity: [1, 1], fn: Math.log10 },
  log2: { arity: [1, 1], fn: Math.log2 },
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  cbrt: { arity: [1, 1], fn: Math.cbrt },
  pow: { arity: [2, 2], fn: Math.pow },
  round: {
    arity: [1, 2],
    // half away from zero on the decimal digits as written (round(1.005, 2) = 1.01), as mathjs does
    fn: (x, n = 0) => {
      if (!Number.isInteger(n) || n < 0 || n > 15) return Number.NaN;
      const a = Math.abs(x);
      const r = /e/i.test(String(a)) ? Math.round(a * 10 ** n) / 10 ** n : Number(`${Math.round(Number(`${a}e${n}`))}e-${n}`);
      return Math.sign(x) * r;
    },
  },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  fix: { arity: [1, 1], fn: Math.trunc },
};

/** Names an expression may use besides the scenario's constants. */
const BUILTIN_NAMES: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** The functions allowed in expressions, for messages and the README. */
export const ALLOWED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

/**
 * Equality within mathjs's default tolerances (relTol 1e-12, absTol 1e-15), fixed here: so
 * `0.1 + 0.2 == 0.3` holds as it did under mathjs, and no expression can change the tolerance.
 */
function near(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= Math.max(1e-12 * Math.max(Math.abs(a), Math.abs(b)), 1e-15);
}

/** Operators by mathjs function name (comparisons give 1 or 0). */
const OPERATORS: Readonly<Record<string, Fn>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  mod: (a, b) => a - b * Math.floor(a / b),
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  larger: (a, b) => +(a > b && !near(a, b)),
  smaller: (a, b) => +(a < b && !near(a, b)),
  largerEq: (a, b) => +(a > b || near(a, b)),
  smallerEq: (a, b) => +(a < b || near(a, b)),
  equal: (a, b) => +near(a, b),
  unequal: (a, b) => +!near(a, b),
  and: (a, b) => +(a !== 0 && b !== 0),
  or: (a, b) => +(a !== 0 || b !== 0),
  xor: (a, b) => +((a !== 0) !== (b !== 0)),
  not: (a) => +(a === 0),
};

/** Functions refused by name, with the reason a user reads (anything else not allowed is refused too). */
const REFUSED: readonly [readonly string[], string][] = [
  [
    ['random', 'randomInt', 'pickRandom', 'shuffle'],
    'draws random numbers, so one seed would give different results; use a distribution such as {uniform: [a, b], per: draw}',
  ],
  [['now', 'time', 'date', 'clock', 'today'], 'reads the clock; write the number'],
  [['config', 'import', 'createUnit', 'typed', 'factory', 'create'], 'changes the maths engine for later expressions'],
  [
    ['evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver', 'rationalize', 'help'],
    'parses or evaluates other expressions',
  ],
  [
    ['ones', 'zeros', 'range', 'matrix', 'identity', 'diag', 'concat', 'reshape', 'resize', 'size', 'sparse', 'map', 'forEach', 'filter'],
    'builds or walks a matrix; an expression gives one number',
  ],
];
const REFUSED_REASON = new Map(REFUSED.flatMap(([names, reason]) => names.map((n) => [n, reason] as const)));

/** Why a function is refused by name (random, config, ones …), or undefined when it is not on that list. */
export function refusedFunctionReason(name: string): string | undefined {
  return REFUSED_REASON.get(name);
}

/** Node kinds refused, with the reason. */
const REFUSED_NODES: Readonly<Record<string, string>> = {
  AssignmentNode: 'assigns a name; constants are set under `constants`',
  FunctionAssignmentNode: 'defines a function',
  AccessorNode: 'reads a property or an element',
  IndexNode: 'reads a property or an element',
  ObjectNode: 'builds an object',
  ArrayNode: 'builds a matrix; an expression gives one number',
  RangeNode: 'builds a range; an expression gives one number',
  BlockNode: 'holds several statements; write one expression',
  RelationalNode: 'chains comparisons; compare two values at a time',
};

let parser: typeof ParseFn | undefined;
/** Parsed trees by expression text: each expression is parsed once, also when dcsim seek resolves a scenario again. */
const parsed = new Map<string, MathNode>();
const MAX_CACHED = 10_000;

/**
 * mathjs's parser on a private instance, loaded on the first expression: mathjs's ES modules
 * (~1,000 files, ~1.1 s to resolve and evaluate on a loaded 2-core machine) are skipped for its
 * one-file bundle of the same release (~0.3–0.4 s with the instance, loaded synchronously), and a
 * scenario without expressions — the shipped ones — never pays even that.
 */
function loadedParser(): typeof ParseFn {
  if (!parser) {
    const { all, create } = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof import('mathjs');
    parser = create(all, { number: 'number' }).parse;
  }
  return parser;
}

/** Loads the expression parser now rather than on the first expression (tests time the expressions, not the load). */
export async function loadExpressionEngine(): Promise<void> {
  loadedParser();
}

/** The outcome of one expression: a finite number, or why not. */
export type ExpressionResult = { ok: true; value: number } | { ok: false; message: string };

class Refused extends Error {}

/** Checks a parsed tree against the allow-list; throws {@link Refused} with the reason. */
function check(root: MathNode, constants: ReadonlyMap<string, number>, expr: string): void {
  let count = 0;
  const visit = (node: MathNode) => {
    if (++count > MAX_EXPRESSION_NODES) throw new Refused(msg.expressionTooLarge(expr, MAX_EXPRESSION_NODES, MAX_EXPRESSION_LENGTH));
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number' && typeof n.value !== 'boolean')
          throw new Refused(msg.expressionRefused(expr, `the value ${JSON.stringify(n.value)}`, 'is not a number'));
        return;
      case 'SymbolNode': {
        const name = String(n.name);
        if (constants.has(name) || BUILTIN_NAMES.has(name)) return;
        throw new Refused(msg.expressionUnknownName(expr, name, [...constants.keys()]));
      }
      case 'ParenthesisNode':
        return visit(n.content as MathNode);
      case 'ConditionalNode':
        for (const k of ['condition', 'trueExpr', 'falseExpr']) visit(n[k] as MathNode);
        return;
      case 'OperatorNode':
        if (!(String(n.fn) in OPERATORS))
          throw new Refused(msg.expressionRefused(expr, `the operator '${String(n.op)}'`, 'is not allowed'));
        for (const a of n.args as MathNode[]) visit(a);
        return;
      case 'FunctionNode': {
        const fnNode = n.fn as MathNode & { name?: unknown };
        if (fnNode.type !== 'SymbolNode') throw new Refused(msg.expressionRefused(expr, 'a computed function call', 'is not allowed'));
        const name = String(fnNode.name);
        const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!f) {
          const reason = REFUSED_REASON.get(name);
          throw new Refused(
            reason
              ? msg.expressionRefused(expr, `${name}()`, reason)
              : msg.expressionRefused(expr, `${name}()`, `is not an allowed function (allowed: ${ALLOWED_FUNCTIONS.join(', ')})`),
          );
        }
        const args = n.args as MathNode[];
        if (args.length < f.arity[0] || args.length > f.arity[1])
          throw new Refused(msg.expressionArity(expr, name, f.arity[0], f.arity[1], args.length));
        for (const a of args) visit(a);
        return;
      }
      default:
        throw new Refused(
          msg.expressionRefused(expr, `this expression`, REFUSED_NODES[node.type] ?? `uses a ${node.type}, which is not allowed`),
        );
    }
  };
  visit(root);
}

/** Evaluates a checked tree (every node kind here passed {@link check}). */
function evaluateNode(node: MathNode, scope: ReadonlyMap<string, number>): number {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode':
      return Number(n.value);
    case 'SymbolNode': {
      const name = String(n.name);
      return scope.get(name) ?? (BUILTIN_NAMES.get(name) as number);
    }
    case 'ParenthesisNode':
      return evaluateNode(n.content as MathNode, scope);
    case 'ConditionalNode':
      return evaluateNode(n.condition as MathNode, scope) !== 0
        ? evaluateNode(n.trueExpr as MathNode, scope)
        : evaluateNode(n.falseExpr as MathNode, scope);
    case 'OperatorNode':
      return OPERATORS[String(n.fn)](...(n.args as MathNode[]).map((a) => evaluateNode(a, scope)));
    case 'FunctionNode':
      return FUNCTIONS[String((n.fn as { name: string }).name)].fn(...(n.args as MathNode[]).map((a) => evaluateNode(a, scope)));
    default:
      throw new Error(`unchecked expression node ${node.type}`);
  }
}

/**
 * Evaluates an expression with the given named constants: parsed once, checked against the allow-list (refusals name the function or construct and
 * why), evaluated as plain scalar arithmetic. Nothing an expression does outlives it.
 */
export function evaluateExpression(expr: string, constants: ReadonlyMap<string, number>): ExpressionResult {
  if (expr.length > MAX_EXPRESSION_LENGTH)
    return { ok: false, message: msg.expressionTooLarge(expr, MAX_EXPRESSION_NODES, MAX_EXPRESSION_LENGTH) };
  let tree = parsed.get(expr);
  if (!tree) {
    try {
      tree = loadedParser()(expr);
    } catch (e) {
      const reason = e instanceof RangeError ? 'it is nested too deeply' : (e as Error).message;
      return { ok: false, message: msg.expressionFailed(expr, reason) };
    }
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(expr, tree);
  }
  try {
    check(tree, constants, expr);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, message: e.message };
    if (e instanceof RangeError) return { ok: false, message: msg.expressionFailed(expr, 'it is nested too deeply') };
    throw e;
  }
  const value = evaluateNode(tree, constants);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: msg.expressionNotNumber(expr, String(value)) };
}
