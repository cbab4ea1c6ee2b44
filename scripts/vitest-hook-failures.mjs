// A vitest reporter for what its JSON report leaves out: the error of a failed beforeAll/afterAll
// of a describe block (its tests are reported as skipped, the error nowhere) and errors thrown
// outside any test, which fail the run with every test passed. scripts/test-all.mjs names them
// beside the failed tests. Writes a JSON array to the file named by PRIVACY_DESK_HOOK_FAILURES.
import { writeFileSync } from "node:fs";

export default class HookFailures {
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules, unhandledErrors) {
    const file = process.env.PRIVACY_DESK_HOOK_FAILURES;
    if (!file) return;
    const found = [];
    const text = (error) => error.stack || `${error.name ?? "Error"}: ${error.message}`;
    for (const module of testModules) {
      for (const suite of module.children.allSuites()) {
        for (const error of suite.errors()) found.push({ file: module.moduleId, name: `${suite.fullName} (a hook of the describe block)`, message: text(error) });
      }
    }
    for (const error of unhandledErrors) found.push({ file: "", name: "(an error outside any test)", message: text(error) });
    writeFileSync(file, JSON.stringify(found));
  }
}
