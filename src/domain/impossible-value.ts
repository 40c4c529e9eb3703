/**
 * A number in the year loop that cannot be right and follows from the scenario's numbers (a
 * firm's value added above its output): the run stops with the message and exit 2 — bad input,
 * not a bug in dcsim.
 */
export class ImpossibleValue extends Error {
  override readonly name = 'ImpossibleValue';
}
