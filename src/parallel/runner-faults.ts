/** The error a drill raises in draw `draw` (DCSIM_FAIL_AT_DRAW), to exercise the fault path. */
export function faultMessage(draw: number): string {
  return `fault injected at draw ${draw} (DCSIM_FAIL_AT_DRAW)`;
}
