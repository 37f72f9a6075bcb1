#!/usr/bin/env node
// The swr-shell command, for Node.js (bundled into dist/) and Deno (run as is).
// No top-level await: the Node bundle is CommonJS, for a faster start.

import { main } from './main.ts';
import { currentRuntime } from './runtime.ts';

const runtime = currentRuntime();
void main(runtime.args, runtime).then((code) => runtime.setExitCode(code));
