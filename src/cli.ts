#!/usr/bin/env node
// The swr-shell command, for Node.js (bundled into dist/) and Deno (run as is).

import { main } from './main.ts';
import { currentRuntime } from './runtime.ts';

const runtime = currentRuntime();
runtime.setExitCode(await main(runtime.args, runtime));
