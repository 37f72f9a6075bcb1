#!/usr/bin/env node
// docker-credential-swr, the Docker credential helper (a second bin of the
// package): a runtime, then one verb of the protocol. Docker runs it on every
// pull, so it loads no more than src/core/credential-helper.ts needs.

import { credentialHelper } from './core/credential-helper.ts';
import { currentRuntime } from './runtime.ts';

const runtime = currentRuntime();
void credentialHelper(runtime.args, runtime).then((code) => runtime.setExitCode(code));
