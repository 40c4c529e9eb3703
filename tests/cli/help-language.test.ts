import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Argv } from 'yargs';
import { EXAMPLES, helpLanguage } from '../../src/cli/help-texts.js';
import type { Streams } from '../../src/cli/io-streams.js';
import type { Lang } from '../../src/cli/labels.js';
import { commandLine, main, type Selection } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'dist/cli/bin.js');
const HAN = /[\u4e00-\u9fff]/;

/** `dcsim args` spawned on the built CLI with the locale variables given (the others removed). */
function help(args: string[], locale: Record<string, string> = { LANG: 'C.UTF-8' }) {
  const env = { ...process.env };
  for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...env, ...locale } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

// issue #14 item 12: --help follows --lang, else the locale (LC_ALL > LC_MESSAGES > LANG), else English
describe('help in the user’s language', { timeout: 60_000 }, () => {
  it('picks --lang first, then LC_ALL, LC_MESSAGES, LANG (zh… is Chinese), then the system locale', () => {
    expect(helpLanguage(['run', '--help', '--lang', 'zh'], { LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(helpLanguage(['--lang=en', '--help'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLanguage(['--help'], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(helpLanguage(['--help'], { LANG: 'zh_TW.Big5' })).toBe('zh');
    expect(helpLanguage(['--help'], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLanguage(['--help'], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(helpLanguage(['--help'], { LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh'); // empty is unset
    expect(helpLanguage(['--help'], { LANG: 'C.UTF-8' })).toBe('en');
    expect(helpLanguage(['--help'], {}, 'zh-CN')).toBe('zh'); // Windows: no LANG, the system locale
    expect(helpLanguage(['--help'], {}, 'en-US')).toBe('en');
    // a bad --lang does not count (yargs refuses it); after -- nothing is a flag
    expect(helpLanguage(['--lang', 'fr'], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(helpLanguage(['--', '--lang', 'zh'], { LANG: 'C' })).toBe('en');
  });

  it('dcsim --help under LANG=zh_CN.UTF-8, dcsim run --help --lang zh and LANG=zh_CN.UTF-8 dcsim seek --help are Chinese', () => {
    const top = help(['--help'], { LANG: 'zh_CN.UTF-8' });
    expect(top).toContain('区域能耗与碳排放双控情景模拟');
    expect(top).toContain('命令：');
    expect(top).toContain('选项：');
    expect(top).toContain('显示帮助');
    expect(top).not.toContain('Options:');

    const run = help(['run', '--help', '--lang', 'zh']);
    expect(run).toContain('模拟一个情景');
    expect(run).toContain('位置参数：');
    expect(run).toMatch(/--draws\s+蒙特卡洛模拟次数/);
    expect(run).toContain('[必需]');
    expect(run).toContain('[默认值: false]');
    expect(run).toContain('示例：');
    expect(run.replace(/\s+/g, ' ')).toContain(
      '示例： 1000 次模拟，种子 7；记分卡打印在终端，结果写入 outputs/zhenhai-2025/<时间戳>： $ dcsim run scenarios/zhenhai-2025.yaml --draws 1000 --seed 7',
    );
    expect(run).not.toMatch(/Monte Carlo|Options:|\[required\]/);

    const seek = help(['seek', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(seek).toMatch(/--target\s+目标 id/);
    expect(seek).toMatch(/--quiet\s+不显示进度条/);
    expect(seek).toContain('示例：');
  });

  it('--lang en, or an English or C locale, is English', () => {
    const run = help(['run', '--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(run).toContain('simulate a scenario');
    expect(run).toMatch(/--draws\s+Monte Carlo draws/);
    expect(run).toContain('Positionals:');
    expect(run).toContain('[required]');
    expect(run).toContain('Examples:');
    expect(run).not.toMatch(/模拟一个情景|选项：/);
    const top = help(['--help']);
    expect(top).toContain('Commands:');
    expect(top).toContain('District energy and carbon dual-control scenario simulation');
  });
});

/** Every command's options as yargs holds them after the command's builder ran, with their descriptions. */
async function commandOptions(command: string, lang: Lang) {
  const quiet: Streams = { out: () => {}, err: () => {} } as unknown as Streams;
  const selection: Selection = {};
  const cli = commandLine([command], quiet, lang, selection);
  let seen: { keys: string[]; positionals: string[]; descriptions: Record<string, string> } | undefined;
  // a middleware run before validation sees the command's own yargs: its options and usage
  (cli as unknown as { middleware: (f: (a: unknown, y: Argv) => void, before: boolean) => void }).middleware((_, y) => {
    const internal = (y as unknown as Internal).getInternalMethods();
    const options = (y as unknown as { getOptions: () => { key: Record<string, unknown> } }).getOptions();
    const context = internal.getContext();
    seen = {
      keys: Object.keys(options.key),
      positionals: context.fullCommands.length ? positionalsOf(context.fullCommands[context.fullCommands.length - 1]) : [],
      descriptions: internal.getUsageInstance().getDescriptions(),
    };
  }, true);
  await cli.parseAsync();
  return seen;
}
interface Internal {
  getInternalMethods(): {
    getUsageInstance(): { getDescriptions(): Record<string, string> };
    getContext(): { fullCommands: string[] };
    getCommandInstance(): { getCommandHandlers(): Record<string, { description: string; original: string }> };
  };
}
const positionalsOf = (command: string) => [...command.matchAll(/[<[]([\w-]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]);

describe('every command is described in both languages', () => {
  const handlers = (lang: Lang) =>
    (commandLine([], {} as Streams, lang, {}) as unknown as Internal).getInternalMethods().getCommandInstance().getCommandHandlers();
  const names = Object.keys(handlers('en'));

  it('knows the thirteen commands, each with a description in Chinese and in English', () => {
    expect(names.sort()).toEqual([
      'admit',
      'calibrate',
      'chart',
      'compare',
      'init',
      'merge',
      'rebase',
      'run',
      'seek',
      'serve',
      'synth',
      'track',
      'validate',
    ]);
    for (const name of names) {
      const zh = handlers('zh')[name].description;
      const en = handlers('en')[name].description;
      expect(zh, name).toMatch(HAN);
      expect(en.trim(), name).not.toBe('');
      expect(zh).not.toBe(en);
    }
  });

  it.each(['zh', 'en'] as const)('%s: every option and positional yargs knows for a command has a description', async (lang) => {
    for (const name of names) {
      const seen = await commandOptions(name, lang);
      expect(seen, name).toBeDefined();
      const { keys, positionals, descriptions } = seen!;
      // yargs' options after the builder ran (global --lang, --help and --version included), and the positionals
      expect(keys, name).toContain('lang');
      expect(keys, name).toContain('help');
      for (const key of new Set([...keys, ...positionals])) {
        const d = descriptions[key];
        expect(d?.trim(), `${name} --${key} (${lang})`).toBeTruthy();
        if (lang === 'zh') expect(d, `${name} --${key}`).toMatch(HAN);
        else expect(d, `${name} --${key}`).not.toMatch(/^__yargsString__/);
      }
    }
  });

  it('every command has one example with the shipped scenarios, shown in its help', async () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...names].sort());
    // in this process: yargs prints the help with console.log
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    for (const name of names) {
      log.mockClear();
      expect(await main([name, '--help', '--lang', 'en'], { out: () => {}, err: () => {} } as unknown as Streams)).toBe(0);
      const out = log.mock.calls.map((c) => c.join(' ')).join('\n');
      const example = EXAMPLES[name as keyof typeof EXAMPLES][0].replace('$0', 'dcsim');
      // one example: what it does, then the command line (yargs may wrap it: compare without the line breaks)
      expect(out.match(/^\s*\$ dcsim /gm), name).toHaveLength(1);
      expect(out.replace(/\s+/g, ''), name).toContain(`$${example}`.replace(/\s+/g, ''));
      // the example names files that ship with dcsim
      for (const file of example.match(/\b(?:scenarios|models)\/[^\s,']+/g) ?? []) expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
    log.mockRestore();
  });
});
