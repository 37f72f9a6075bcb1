// `npm run mutate`: Stryker's CLI, started here rather than from its bin for one
// reason. Stryker 10.1 declares `node >=22` and its CLI refuses to start on an
// older Node.js, but this package supports and tests on Node.js 20, and the
// mutation run works there (the whole run, its dry run and its child test
// runners and checker, was checked on 20.20). So on Node.js 20 the CLI is shown
// version 22 for its start-up check, with a note; nothing else is changed.

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`mutate: Node.js ${process.version}; Stryker asks for 22 or later but runs here, so its version check is passed over\n`);
  Object.defineProperty(process, 'version', { value: 'v22.0.0' });
}
const { StrykerCli } = await import('@stryker-mutator/core');
new StrykerCli(process.argv).run();
