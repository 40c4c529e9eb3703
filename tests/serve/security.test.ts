import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHosts, isLoopback, newToken, tokenMatches } from '../../src/serve/security.js';

describe('the token', () => {
  it('is 32 hex digits, fresh each start', () => {
    const a = newToken();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('matches only itself: not a prefix, a longer text, another case or a non-string', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    for (const other of [t.slice(1), `${t}0`, t.toUpperCase(), '', undefined, [t], 42]) expect(tokenMatches(other, t)).toBe(false);
  });
});

describe('the Host header', () => {
  it('on loopback: the served host and the loopback names at the port, nothing else', () => {
    const ok = allowedHosts('127.0.0.1', 8321);
    expect([...ok].sort()).toEqual(['127.0.0.1:8321', '[::1]:8321', 'localhost:8321']);
    expect(ok.has('127.0.0.1:8322')).toBe(false);
    expect(ok.has(`${hostname().toLowerCase()}:8321`)).toBe(false);
  });

  it('on every interface (--host 0.0.0.0): also the machine’s name', () => {
    expect(allowedHosts('0.0.0.0', 9000).has(`${hostname().toLowerCase()}:9000`)).toBe(true);
    expect(allowedHosts('0.0.0.0', 9000).has('rebound.example:9000')).toBe(false);
  });

  it('knows the loopback names', () => {
    expect(['127.0.0.1', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});
