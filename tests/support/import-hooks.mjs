// An ESM resolve hook (node --import) that writes the package of every module resolved to the file in DCSIM_PACKAGES_OUT.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

let out;
export function initialize(data) {
  out = data.out;
}

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(r.url);
  if (m) appendFileSync(out, `${m[1]}\n`);
  return r;
}

// loaded with --import: registers this file's hooks (in the hooks thread the registration is skipped)
if (process.env.DCSIM_PACKAGES_OUT && !globalThis.__dcsimImportHooks) {
  globalThis.__dcsimImportHooks = true;
  register(import.meta.url, { data: { out: process.env.DCSIM_PACKAGES_OUT } });
}
