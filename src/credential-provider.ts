#!/usr/bin/env node
// swr-credential-provider, the kubelet's image credential provider (a third bin
// of the package): a runtime, then one request. The kubelet runs it on every
// uncached pull, so it loads no more than src/core/credential-provider.ts needs.

import { credentialProvider } from './core/credential-provider.ts';
import { currentRuntime } from './runtime.ts';

const runtime = currentRuntime();
void credentialProvider(runtime.args, runtime).then((code) => runtime.setExitCode(code));
