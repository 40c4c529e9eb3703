#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { trapSignalsBeforeCommand } from './interrupt.js';

// a Ctrl-C while the (large) modules load ends the process with 130, not by the signal
trapSignalsBeforeCommand();

// `dcsim … | head` closes the pipe early: that is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const { main } = await import('./main.js');
process.exitCode = await main(hideBin(process.argv));
