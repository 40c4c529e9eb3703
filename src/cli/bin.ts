#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { main } from './main.js';

// `dcsim … | head` closes the pipe early: that is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
