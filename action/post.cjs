// Built by `npm run build` from src/action/ (src/build/action.ts): edit the source, not this file.
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/core/regions.ts
var COM = "myhuaweicloud.com";
var DOMAIN_EXCEPTIONS = { "eu-west-101": "myhuaweicloud.eu" };
var NAMES = [
  ["af-north-1", "AF-Cairo"],
  ["af-south-1", "AF-Johannesburg"],
  ["ap-southeast-1", "CN-Hong Kong"],
  ["ap-southeast-2", "AP-Bangkok"],
  ["ap-southeast-3", "AP-Singapore"],
  ["ap-southeast-4", "AP-Jakarta"],
  ["ap-southeast-5", "AP-Manila"],
  ["ae-ad-1", ""],
  ["cn-east-2", "CN East-Shanghai2"],
  ["cn-east-3", "CN East-Shanghai1"],
  ["cn-east-4", "CN East2"],
  ["cn-east-5", "CN East-Qingdao"],
  ["cn-north-1", "CN North-Beijing1"],
  ["cn-north-2", "CN North-Beijing2"],
  ["cn-north-4", "CN North-Beijing4"],
  ["cn-north-9", "CN North-Ulanqab1"],
  ["cn-north-11", ""],
  ["cn-north-12", "CN North3"],
  ["cn-south-1", "CN South-Guangzhou"],
  ["cn-south-2", "CN South-Shenzhen"],
  ["cn-south-4", "CN South-Guangzhou-InvitationOnly"],
  ["cn-southwest-2", "CN Southwest-Guiyang1"],
  ["cn-southwest-3", ""],
  ["eu-west-0", "EU-Paris"],
  ["eu-west-101", "EU-Dublin"],
  ["la-north-2", "LA-Mexico City2"],
  ["la-south-2", "LA-Santiago"],
  ["me-east-1", "ME-Riyadh"],
  ["my-kualalumpur-1", ""],
  ["na-mexico-1", "LA-Mexico City1"],
  ["ru-moscow-1", ""],
  ["ru-northwest-2", "RU-Moscow2"],
  ["sa-brazil-1", "LA-Sao Paulo1"],
  ["sa-peru-1", "LA-Lima1"],
  ["tr-west-1", "TR-Istanbul"]
];
var REGIONS = NAMES.map(([id, name]) => ({
  id,
  name,
  domain: DOMAIN_EXCEPTIONS[id] ?? COM
}));
var BY_ID = new Map(REGIONS.map((region) => [region.id, region]));

// src/core/fs.ts
var MAX_FILE_BYTES = 16 * 1024 * 1024;

// src/core/validate.ts
var LOWER = "abcdefghijklmnopqrstuvwxyz";
var UPPER = LOWER.toUpperCase();
var DIGIT = "0123456789";
var HEX = "0123456789abcdef";
var ALNUM = UPPER + LOWER + DIGIT;
var COMPONENT = `[${LOWER}${DIGIT}]+(([.]|_|__|-+)[${LOWER}${DIGIT}]+)*`;
var LABEL = `[${LOWER}${DIGIT}]([${LOWER}${DIGIT}-]{0,61}[${LOWER}${DIGIT}])?`;
var PATTERNS = {
  ak: `^[${ALNUM}]{10,30}$`,
  sk: `^[${ALNUM}]{30,50}$`,
  loginKey: `^[${HEX}]{64}$`,
  regionShape: `^[${LOWER}]+(-[${LOWER}${DIGIT}]+)+$`,
  subProject: `^[${ALNUM}_-]{1,40}$`,
  org: `^[${LOWER}]([${LOWER}${DIGIT}._-]{0,62}[${LOWER}${DIGIT}])?$`,
  component: `^${COMPONENT}$`,
  path: `^${COMPONENT}(/${COMPONENT})*$`,
  host: `^${LABEL}([.]${LABEL})*(:[${DIGIT}]{1,5})?$`,
  tag: `^[${ALNUM}_][${ALNUM}_.-]{0,127}$`,
  digest: `^(sha256:[${HEX}]{64}|sha512:[${HEX}]{128})$`,
  profile: `^[${ALNUM}][${ALNUM}_-]{0,63}$`,
  prefix: `^[${UPPER}${LOWER}]([${ALNUM}_-]{0,30}[${ALNUM}_])?$`
};
var COMPILED = Object.fromEntries(
  Object.entries(PATTERNS).map(([name, source]) => [name, new RegExp(source)])
);
function matches(name, value) {
  return COMPILED[name].test(value);
}

// src/core/profile.ts
var MAX_PROFILE_BYTES = 64 * 1024;

// src/core/action.ts
var ACTION_TOOLS = ["docker", "podman"];
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function workflowCommand(name, message) {
  return `::${name}::${escapeData(message)}
`;
}
var state = (env2, name) => env2[`STATE_${name}`] ?? "";
function logoutFromState(env2) {
  const tool = state(env2, "tool");
  const registry = state(env2, "registry");
  if (!ACTION_TOOLS.includes(tool) || !matches("host", registry)) return void 0;
  return { tool, registry, logout: state(env2, "logout") !== "false" };
}

// src/core/plugin.ts
var SHELLS = ["bash", "zsh", "fish"];
var PLUGIN_SHELLS = [...SHELLS, "sh"];
var INSTALL_SHELLS = [...SHELLS, "ksh", "mksh", "sh"];

// src/core/client-login.ts
function logoutArgs(registry, options = []) {
  return ["logout", ...options, registry];
}

// src/child.ts
function runTool(program, args, input, stderr, env2) {
  const deno = globalThis.Deno;
  return deno ? denoRun(deno, program, args, input, stderr) : nodeRun(program, args, input, stderr, env2);
}
async function nodeRun(program, args, input, stderr, env2) {
  const { spawn } = await import("node:child_process");
  const { constants } = await import("node:os");
  return new Promise((resolve2, reject) => {
    const child = spawn(program, [...args], { stdio: ["pipe", "inherit", "pipe"], ...env2 ? { env: env2 } : {} });
    let errors = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      errors += chunk;
      stderr(chunk);
    });
    child.on("error", (error) => {
      if (error.code === "ENOENT") resolve2({ status: 127, stderr: "", missing: true });
      else reject(error);
    });
    child.on("close", (status, signal) => {
      const signalled = signal === null ? 1 : 128 + (constants.signals[signal] ?? 0);
      resolve2({ status: status ?? signalled, stderr: errors, missing: false });
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(input);
  });
}
async function denoRun(deno, program, args, input, stderr) {
  let child;
  try {
    child = new deno.Command(program, { args: [...args], stdin: "piped", stdout: "inherit", stderr: "piped" }).spawn();
  } catch (error) {
    if (error instanceof deno.errors.NotFound) return { status: 127, stderr: "", missing: true };
    throw error;
  }
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input)).catch(() => void 0);
  await writer.close().catch(() => void 0);
  const decoder = new TextDecoder();
  let errors = "";
  for await (const chunk of child.stderr) {
    const text = decoder.decode(chunk, { stream: true });
    errors += text;
    stderr(text);
  }
  return { status: (await child.status).code, stderr: errors, missing: false };
}

// src/action/runner.ts
var env = process.env;
function print(text) {
  process.stdout.write(text);
}
function annotate(kind, message) {
  for (const line of message.split("\n")) print(workflowCommand(kind, line));
}
function runClient(tool, args, input) {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("INPUT_")));
  return runTool(tool, args, input, (text) => process.stderr.write(text), childEnv);
}
function answer(result) {
  return result.stderr.split("\n").map((line) => line.trim()).filter(Boolean).at(-1) ?? `exit status ${result.status}`;
}
function finish(step) {
  step().then(
    (code) => process.exitCode = code,
    (error) => {
      annotate("error", `swr-shell action: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  );
}

// src/action/post.ts
async function post() {
  const state2 = logoutFromState(env);
  if (state2 === void 0) {
    print("Nothing to log out of: the main step logged nothing in.\n");
    return 0;
  }
  if (!state2.logout) {
    print(`Leaving ${state2.tool} logged in to ${state2.registry} (logout: false)
`);
    return 0;
  }
  print(`Logging ${state2.tool} out of ${state2.registry}
`);
  const result = await runClient(state2.tool, logoutArgs(state2.registry), "");
  if (result.missing) annotate("warning", `${state2.tool} is not on PATH any more: cannot log out of ${state2.registry}.`);
  else if (result.status !== 0) annotate("warning", `${state2.tool} logout of ${state2.registry} failed: ${answer(result)}`);
  return 0;
}
finish(post);
