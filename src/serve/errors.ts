import type { Diagnostic } from '../domain/diagnostic.js';

/** A request the workbench refuses: its HTTP status and the message the page shows (`{ error }`). */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Input the loaders or the scenario's schema refuse: answered 422 `{ diagnostics }`, shown like the command line's. */
export class Invalid extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

/** A preview overtaken by a newer one: answered 409 `{ cancelled: true }`. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
