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

// src/core/errors.ts
var UsageError = class extends Error {
  exitCode = 2;
  name = "UsageError";
};
var Failure = class extends Error {
  exitCode = 1;
  name = "Failure";
};

// src/core/login-key.ts
async function loginKey(ak, sk) {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(sk),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"]
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(ak)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
function loginUser(project, ak) {
  return `${project}@${ak}`;
}

// src/core/spelling.ts
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
function nearest(input2, candidates) {
  let best = { name: candidates[0], distance: Infinity };
  for (const name of candidates) {
    const distance = editDistance(input2.toLowerCase(), name);
    if (distance < best.distance) best = { name, distance };
  }
  return best;
}

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
function findRegion(id) {
  return BY_ID.get(id);
}
function registryHost(region) {
  return `swr.${region.id}.${region.domain}`;
}
function nearestRegion(input2) {
  return findRegion(nearest(input2, REGIONS.map((region) => region.id)).name);
}

// src/core/paths.ts
function join(...parts) {
  return parts.filter((part) => part !== "").join("/").replace(/\/{2,}/g, "/");
}
function isAbsolute(path) {
  return path.startsWith("/");
}

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
function couldBeSecret(value) {
  const runs = value.match(/[A-Za-z0-9]{16,}/g) ?? [];
  return runs.some((run) => /[0-9]/.test(run) && /[A-Za-z]/.test(run)) || value.length > 256;
}
function show(value) {
  return couldBeSecret(value) ? `(${value.length} characters, not shown)` : JSON.stringify(value);
}
function problem(value, allowed, max) {
  if (value === "") return "is empty";
  const bad = [...value].find((char) => !allowed.includes(char));
  if (bad === " ") return "contains a space";
  if (bad === "\n" || bad === "\r") return "contains a line break";
  const hidden = couldBeSecret(value);
  if (bad !== void 0 && UPPER.includes(bad)) return hidden ? "contains upper case" : `contains upper case (${show(bad)})`;
  if (bad !== void 0) return hidden ? "contains characters that are not allowed" : `contains ${show(bad)}`;
  if (value.length > max) return `is ${value.length} characters long (at most ${max})`;
  return "has the wrong shape";
}
function validateAk(ak, source) {
  if (matches("ak", ak)) return ak;
  const what = [...ak].some((char) => !ALNUM.includes(char)) ? "contains characters other than letters and digits" : `is ${ak.length} characters long (${ak.length < 10 ? "at least 10" : "at most 30"})`;
  throw new UsageError(
    `invalid access key ID${source ? ` in ${source}` : ""}: it ${ak === "" ? "is empty" : what}. An AK is 10 to 30 letters and digits; copy the "Access Key Id" column of credentials.csv.`
  );
}
function validateLoginKey(key, source) {
  if (matches("loginKey", key)) return key;
  throw new UsageError(
    `invalid login key in ${source}: expected 64 lower-case hex digits, as swr-shell login-key prints them.`
  );
}
function validateRegion(region, allowUnknown = false) {
  if (findRegion(region)) return region;
  if (allowUnknown && matches("regionShape", region)) return region;
  const hint = matches("regionShape", region.toLowerCase()) ? `did you mean ${nearestRegion(region).id}?` : `it ${problem(region, LOWER + DIGIT + "-", 40)}.`;
  throw new UsageError(
    `unknown region ${show(region)}: ${hint} Run "swr-shell regions" for the list (a partner cloud needs its registry host too: configure --registry HOST, or SWR_REGISTRY).`
  );
}
function validateProject(project, region) {
  if (project === region) return project;
  const prefix = `${region}_`;
  const sub = project.slice(prefix.length);
  if (project.startsWith(prefix) && matches("subProject", sub)) return project;
  const owner = project.split("_")[0];
  const rule = `a project of ${region} is ${show(region)} or ${show(prefix + "<name>")}`;
  const hint = project.startsWith(prefix) ? `its sub-project name ${show(sub)} ${problem(sub, ALNUM + "_-", 40)}; use 1 to 40 letters, digits, "_" and "-"` : findRegion(owner) ? `it belongs to region ${owner}; ${rule}` : matches("subProject", project) ? `for a sub-project write ${show(prefix + project)}` : `${rule}, with letters, digits, "_" and "-"`;
  throw new UsageError(`invalid project ${show(project)} for region ${region}: ${hint}.`);
}
function validateOrg(org) {
  if (matches("org", org) && matches("component", org)) return org;
  const why = org.length > 64 || /[^a-z0-9._-]/.test(org) || org === "" ? problem(org, LOWER + DIGIT + "._-", 64) : 'must start with a lower-case letter, end with a letter or digit, and not join ".", "_" or "-" to each other';
  throw new UsageError(
    `invalid organization ${show(org)}: it ${why}. Organization names are 1 to 64 of a-z, 0-9, ".", "_" and "-", as shown in the SWR console.`
  );
}
function validateHost(host, what = "registry host") {
  if (matches("host", host)) return host;
  throw new UsageError(
    `invalid ${what} ${show(host)}: it ${problem(host, LOWER + DIGIT + ".-:", 253)}. Give a host name in lower case, optionally with :PORT, and no scheme or path (for example swr.ap-southeast-3.myhuaweicloud.com).`
  );
}
function validateProfileName(name) {
  if (matches("profile", name) && !couldBeSecret(name)) return name;
  if (matches("profile", name)) {
    throw new UsageError(
      `invalid profile name ${show(name)}: it has 16 letters and digits in a row, as a key has. A profile name is a short label: use letters, digits, "_" or "-" with a "-" or "_" at least every 15 characters.`
    );
  }
  throw new UsageError(
    `invalid profile name ${show(name)}: it ${problem(name, ALNUM + "_-", 64)}. Use 1 to 64 letters, digits, "_" or "-", starting with a letter or digit.`
  );
}

// src/core/profile.ts
var DEFAULT_PROFILE = "default";
var PROFILE_SUFFIX = ".conf";
function homeDir(env2) {
  const value = env2["HOME"];
  if (!value || !isAbsolute(value)) throw new Failure("HOME is not set to an absolute path; set it and try again.");
  return value;
}
function configDirBase(env2) {
  const xdg = env2["XDG_CONFIG_HOME"];
  return xdg && isAbsolute(xdg) ? xdg : join(homeDir(env2), ".config");
}
function configDir(env2) {
  return join(configDirBase(env2), "swr-shell");
}
function configureCommand(name) {
  return name === DEFAULT_PROFILE ? "swr-shell configure" : `swr-shell configure --profile ${name}`;
}
function profilePath(env2, name) {
  return join(configDir(env2), validateProfileName(name) + PROFILE_SUFFIX);
}
var MAX_PROFILE_BYTES = 64 * 1024;

// src/core/settings.ts
function fromEnv(env2, name) {
  return env2[name] || void 0;
}
function setting(env2, name, fallback, validate) {
  const value = fromEnv(env2, name);
  if (value === void 0) return fallback === void 0 ? void 0 : validate(fallback);
  try {
    return validate(value);
  } catch (error) {
    if (!(error instanceof UsageError) || error.message.includes(name)) throw error;
    throw new UsageError(`${name}: ${error.message}`);
  }
}
function resolveSettings(env2, profileName, profile) {
  const region = fromEnv(env2, "SWR_REGION") ?? profile?.region;
  if (region === void 0) {
    throw new Failure(
      `no SWR settings: profile "${profileName}" (${profilePath(env2, profileName)}) does not exist and SWR_REGION is not set. Run ${configureCommand(profileName)} --region REGION --credentials credentials.csv, or set SWR_REGION, SWR_AK and SWR_LOGIN_KEY.`
    );
  }
  const own = profile?.region === region ? profile : void 0;
  const registryOverride = setting(env2, "SWR_REGISTRY", own?.registry, (host) => validateHost(host));
  setting(env2, "SWR_REGION", region, (value) => validateRegion(value, registryOverride !== void 0));
  const ak = setting(env2, "SWR_AK", profile?.ak, (value) => validateAk(value));
  const ownKey = ak === profile?.ak ? profile?.loginKey : void 0;
  return {
    profile: profileName,
    region,
    project: setting(env2, "SWR_PROJECT", own?.project ?? region, (value) => validateProject(value, region)),
    org: setting(env2, "SWR_ORG", profile?.org, validateOrg),
    registry: registryOverride ?? registryHost(findRegion(region)),
    ak,
    loginKey: setting(env2, "SWR_LOGIN_KEY", ownKey, (key) => validateLoginKey(key, "SWR_LOGIN_KEY"))
  };
}
function requireCredentials(settings) {
  if (settings.ak === void 0) {
    throw new Failure(
      `no access key: profile "${settings.profile}" has none and SWR_AK is not set. Run ${configureCommand(settings.profile)}, or set SWR_AK and SWR_LOGIN_KEY.`
    );
  }
  if (settings.loginKey === void 0) {
    throw new Failure(
      `no login key for AK ${settings.ak}: SWR_AK is set but SWR_LOGIN_KEY is not. Set both (swr-shell login-key derives the key), or unset SWR_AK to use the profile.`
    );
  }
  return { ak: settings.ak, loginKey: settings.loginKey, user: loginUser(settings.project, settings.ak) };
}

// src/core/action.ts
var ACTION_TOOLS = ["docker", "podman"];
var SECRET_INPUTS = ["secret-access-key", "login-key"];
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function input(env2, name) {
  return (env2[inputVariable(name)] ?? "").trim();
}
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function workflowCommand(name, message) {
  return `::${name}::${escapeData(message)}
`;
}
function secretValues(env2) {
  const values = SECRET_INPUTS.flatMap((name) => [env2[inputVariable(name)] ?? "", input(env2, name)]);
  return [...new Set(values.filter((value) => value !== ""))];
}
function fileEntry(name, value, delimiter) {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`cannot write ${JSON.stringify(name)} as a name.`);
  if (value.includes(delimiter)) throw new UsageError(`the value of ${name} holds the delimiter: not written.`);
  return `${name}<<${delimiter}
${value}
${delimiter}
`;
}
var InputError = class extends Error {
  name = "InputError";
};
var BOOLEANS = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
function problems(env2) {
  const found = [];
  const given = (name) => input(env2, name) !== "";
  const region = input(env2, "region");
  const registry = input(env2, "registry");
  const sk = input(env2, "secret-access-key");
  const key = input(env2, "login-key");
  if (region === "") found.push('input "region" is required: an SWR region ID, such as ap-southeast-3.');
  else if (!findRegion(region) && !(registry !== "" && matches("regionShape", region))) {
    found.push('input "region" is not an SWR region ID (such as ap-southeast-3); a partner cloud also needs the "registry" input.');
  }
  if (!given("access-key-id")) found.push('input "access-key-id" is required: the "Access Key Id" column of credentials.csv.');
  else if (!matches("ak", input(env2, "access-key-id"))) found.push('input "access-key-id" is not an access key ID: 10 to 30 letters and digits.');
  if (sk === "" && key === "") found.push('input "secret-access-key" (or "login-key") is required: keep it in a secret of the repository.');
  if (sk !== "" && key !== "") found.push('inputs "secret-access-key" and "login-key" were both given: give one of them.');
  if (sk !== "" && !matches("sk", sk)) found.push('input "secret-access-key" is not a secret access key: 30 to 50 letters and digits.');
  if (key !== "" && !matches("loginKey", key)) found.push('input "login-key" is not a login key: 64 lower-case hex digits, as swr-shell login-key prints them.');
  if (given("project") && region !== "") {
    try {
      validateProject(input(env2, "project"), region);
    } catch {
      found.push(`input "project" is not a project of the region: use the region ID or <region>_<sub-project>.`);
    }
  }
  const org = input(env2, "organization");
  if (org !== "" && !(matches("org", org) && matches("component", org))) {
    found.push('input "organization" is not an organization name: 1 to 64 of a-z, 0-9, ".", "_" and "-".');
  }
  if (registry !== "" && !matches("host", registry)) found.push('input "registry" is not a host name: lower case, optionally with :PORT, no scheme or path.');
  if (given("tool") && !ACTION_TOOLS.includes(input(env2, "tool"))) found.push('input "tool" must be docker or podman.');
  if (given("logout") && BOOLEANS[input(env2, "logout")] === void 0) found.push('input "logout" must be true or false.');
  return found;
}
async function actionLogin(env2) {
  const found = problems(env2);
  if (found.length > 0) throw new InputError(found.join("\n"));
  const sk = input(env2, "secret-access-key");
  const ak = input(env2, "access-key-id");
  const optional = (name) => input(env2, name) || void 0;
  const settings = resolveSettings(
    {
      SWR_REGION: input(env2, "region"),
      SWR_PROJECT: optional("project"),
      SWR_ORG: optional("organization"),
      SWR_REGISTRY: optional("registry"),
      SWR_AK: ak,
      SWR_LOGIN_KEY: sk === "" ? input(env2, "login-key") : await loginKey(ak, sk)
    },
    "action inputs",
    void 0
  );
  const credentials = requireCredentials(settings);
  return {
    tool: optional("tool") ?? "docker",
    region: settings.region,
    project: settings.project,
    org: settings.org,
    registry: settings.registry,
    user: credentials.user,
    loginKey: credentials.loginKey,
    logout: BOOLEANS[input(env2, "logout") || "true"]
  };
}
function exportedVariables(login) {
  return [
    ["SWR_REGION", login.region],
    ["SWR_PROJECT", login.project],
    ["SWR_REGISTRY", login.registry],
    ["SWR_USER", login.user],
    ...login.org === void 0 ? [] : [["SWR_ORG", login.org]]
  ];
}
function savedState(login) {
  return [
    ["tool", login.tool],
    ["registry", login.registry],
    ["logout", String(login.logout)]
  ];
}

// src/core/plugin.ts
var SHELLS = ["bash", "zsh", "fish"];
var PLUGIN_SHELLS = [...SHELLS, "sh"];
var INSTALL_SHELLS = [...SHELLS, "ksh", "mksh", "sh"];

// src/core/client-login.ts
function loginArgs(user, registry, options = []) {
  return ["login", "-u", user, "--password-stdin", ...options, registry];
}

// src/action/runner.ts
var import_node_crypto = require("node:crypto");
var import_node_fs = require("node:fs");

// src/child.ts
function runTool(program, args, input2, stderr, env2) {
  const deno = globalThis.Deno;
  return deno ? denoRun(deno, program, args, input2, stderr) : nodeRun(program, args, input2, stderr, env2);
}
async function nodeRun(program, args, input2, stderr, env2) {
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
    child.stdin.end(input2);
  });
}
async function denoRun(deno, program, args, input2, stderr) {
  let child;
  try {
    child = new deno.Command(program, { args: [...args], stdin: "piped", stdout: "inherit", stderr: "piped" }).spawn();
  } catch (error) {
    if (error instanceof deno.errors.NotFound) return { status: 127, stderr: "", missing: true };
    throw error;
  }
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input2)).catch(() => void 0);
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
function runnerFile(variable) {
  const path = env[variable];
  if (!path) throw new Failure(`${variable} is not set: this action runs in a GitHub Actions job.`);
  return path;
}
function appendEntries(path, entries) {
  const delimiter = `ghadelimiter_${(0, import_node_crypto.randomUUID)()}`;
  (0, import_node_fs.appendFileSync)(path, entries.map(([name, value]) => fileEntry(name, value, delimiter)).join(""));
}
function runClient(tool, args, input2) {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("INPUT_")));
  return runTool(tool, args, input2, (text) => process.stderr.write(text), childEnv);
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

// src/action/main.ts
async function main() {
  for (const value of secretValues(env)) print(workflowCommand("add-mask", value));
  let files;
  let login;
  try {
    login = await actionLogin(env);
    files = { env: runnerFile("GITHUB_ENV"), output: runnerFile("GITHUB_OUTPUT"), state: runnerFile("GITHUB_STATE") };
  } catch (error) {
    if (!(error instanceof InputError || error instanceof UsageError || error instanceof Failure)) throw error;
    annotate("error", error.message);
    return 1;
  }
  print(workflowCommand("add-mask", login.loginKey));
  print(`Logging ${login.tool} in to ${login.registry} as ${login.user}
`);
  const result = await runClient(login.tool, loginArgs(login.user, login.registry), login.loginKey);
  if (result.missing) {
    annotate("error", `${login.tool} is not on PATH: install it in an earlier step, or choose the other tool.`);
    return 1;
  }
  if (result.status !== 0) {
    annotate("error", `${login.registry} refused the login of ${login.user}: ${answer(result)}`);
    return 1;
  }
  appendEntries(files.env, exportedVariables(login));
  appendEntries(files.output, [
    ["registry", login.registry],
    ["user", login.user]
  ]);
  appendEntries(files.state, savedState(login));
  return 0;
}
finish(main);
