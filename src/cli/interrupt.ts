/**
 * Ctrl-C and SIGTERM during a run: the first one aborts the run, which
 * flushes what it has (run.json with `partial: true`, the journal) and exits;
 * a second one exits at once (the journal still holds every completed cell).
 */
export function interruptOnSignals(onFirst: (signal: NodeJS.Signals) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`\nmtgate: ${sig} again; exiting now (completed cells are in the journal)\n`);
      process.exit(3);
    }
    onFirst(sig);
    controller.abort(`interrupted by ${sig}`);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.on(s, handler);
  return { signal: controller.signal, dispose: () => signals.forEach((s) => process.off(s, handler)) };
}
