// The production Dockerfile, read and (where no Docker daemon runs) carried out step by step on
// this machine: every stage in its own directory standing for its filesystem, the build context
// filtered by .dockerignore, COPY and COPY --from between stages, ENV, WORKDIR, RUN in the stage's
// working directory, and the final stage's CMD and HEALTHCHECK run as the image's non-root user.
// An instruction or RUN step it does not know fails: the Dockerfile and this reader move together.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`Dockerfile line ${index + 1}: cannot read "${line}"`);
    const upper = keyword.toUpperCase();
    if (upper === "FROM") {
      const [image, as, name] = args.split(/\s+/);
      stages.push({ from: image, name: as?.toUpperCase() === "AS" ? name : String(stages.length), instructions: [] });
      return;
    }
    if (!stages.length) throw new Error(`Dockerfile line ${index + 1}: ${upper} before FROM`);
    stages.at(-1)!.instructions.push({ keyword: upper, args, line: index + 1 });
  });
  return stages;
}

/** `KEY=value KEY2=value2` (no quoting needed in this Dockerfile). */
export function parseEnv(args: string): Record<string, string> {
  return Object.fromEntries(args.split(/\s+/).map((pair) => pair.split("=", 2) as [string, string]));
}

/** The exec form `["a", "b"]` of CMD and HEALTHCHECK ... CMD. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf("["));
  return JSON.parse(json) as string[];
}

/** .dockerignore as Docker reads it: each pattern excludes a path and everything under it. */
export function dockerignore(root: string): (relative: string) => boolean {
  const file = path.join(root, ".dockerignore");
  const patterns = existsSync(file)
    ? readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
    : [];
  const regexes = patterns.map((pattern) => {
    const source = pattern
      .replace(/^\/+/, "")
      .split("/")
      .map((part) => (part === "**" ? ".*" : part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")))
      .join("/");
    return new RegExp(`^${source}(/.*)?$`);
  });
  return (relative) => regexes.some((regex) => regex.test(relative));
}

/** The build context: every file under `root` that .dockerignore leaves in, as relative paths. */
export function buildContext(root: string): string[] {
  const ignored = dockerignore(root);
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (ignored(relative)) return [];
      return entry.isDirectory() ? walk(relative) : [relative];
    });
  return walk("");
}

export interface ExecutedImage {
  /** The final stage's directory standing for its filesystem root. */
  rootfs: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  cmd: string[];
  healthcheck: string[] | null;
  exposed: number[];
  volumes: string[];
  /** Maps a path in the image to the directory standing for it. */
  hostPath(imagePath: string): string;
}

export interface ExecuteOptions {
  context: string;
  dockerfile: string;
  /** Where the stages' filesystems go. */
  out: string;
  /** Extra environment for RUN steps (not part of the image). */
  runEnv?: Record<string, string>;
  /** uid and gid of the image's non-root user (`node` in the official images is 1000:1000). */
  userIds?: Record<string, number>;
  log?: (line: string) => void;
}

const APT_TOOLS: Record<string, string> = { python3: "python3", make: "make", "g++": "g++" };

export async function executeDockerfile(options: ExecuteOptions): Promise<ExecutedImage> {
  const stages = parseDockerfile(readFileSync(options.dockerfile, "utf8"));
  const userIds = options.userIds ?? { node: 1000 };
  const log = options.log ?? (() => undefined);
  await rm(options.out, { recursive: true, force: true });
  const dirs = new Map<string, string>();
  const states = new Map<string, ExecutedImage>();
  let image: ExecutedImage | null = null;
  const contextFiles = buildContext(options.context);

  for (const stage of stages) {
    const rootfs = path.join(options.out, stage.name);
    const inherited = states.get(stage.from);
    mkdirSync(rootfs, { recursive: true });
    if (inherited) await copyTree(inherited.rootfs, rootfs);
    // Every image has a /tmp anyone may write to.
    mkdirSync(path.join(rootfs, "tmp"), { recursive: true, mode: 0o1777 });
    chmodSync(path.join(rootfs, "tmp"), 0o1777);
    dirs.set(stage.name, rootfs);
    const hostPath = (imagePath: string) => path.join(rootfs, imagePath);
    const state: ExecutedImage = inherited
      ? { ...inherited, env: { ...inherited.env }, rootfs, hostPath }
      : { rootfs, workdir: "/", env: {}, user: null, cmd: [], healthcheck: null, exposed: [], volumes: [], hostPath };
    states.set(stage.name, state);
    const at = (instruction: Instruction) => `Dockerfile line ${instruction.line} (${instruction.keyword})`;
    const resolve = (target: string) => hostPath(path.posix.isAbsolute(target) ? target : path.posix.join(state.workdir, target));

    for (const instruction of stage.instructions) {
      log(`[${stage.name}] ${instruction.keyword} ${instruction.args}`);
      switch (instruction.keyword) {
        case "WORKDIR":
          state.workdir = path.posix.isAbsolute(instruction.args) ? instruction.args : path.posix.join(state.workdir, instruction.args);
          mkdirSync(hostPath(state.workdir), { recursive: true });
          break;
        case "ENV":
          Object.assign(state.env, parseEnv(instruction.args));
          break;
        case "COPY": {
          const words = instruction.args.split(/\s+/);
          const flags = words.filter((word) => word.startsWith("--"));
          const paths = words.filter((word) => !word.startsWith("--"));
          const from = flags.find((flag) => flag.startsWith("--from="))?.slice(7);
          const dest = paths.pop()!;
          const target = resolve(dest);
          for (const source of paths) {
            if (from) {
              const sourceRoot = dirs.get(from);
              if (!sourceRoot) throw new Error(`${at(instruction)}: no stage ${from}`);
              const sourcePath = path.join(sourceRoot, source);
              const into = dest.endsWith("/") ? path.join(target, path.basename(source)) : target;
              await copyTree(sourcePath, into);
            } else if (source === ".") {
              for (const file of contextFiles) await cp(path.join(options.context, file), path.join(target, file));
            } else {
              const matches = contextFiles.filter((file) => file === source || file.startsWith(`${source}/`));
              if (!matches.length) throw new Error(`${at(instruction)}: ${source} is not in the build context`);
              for (const file of matches) {
                const relative = file === source ? path.basename(file) : file.slice(source.length + 1);
                await cp(path.join(options.context, file), dest.endsWith("/") || file !== source ? path.join(target, relative) : target);
              }
            }
          }
          break;
        }
        case "RUN":
          for (const part of instruction.args.split("&&").map((p) => p.trim())) await runStep(part, state, options, userIds, at(instruction), log);
          break;
        case "USER":
          state.user = instruction.args.trim();
          if (!(state.user in userIds)) throw new Error(`${at(instruction)}: unknown user ${state.user}`);
          break;
        case "EXPOSE":
          state.exposed = instruction.args.split(/\s+/).map(Number);
          break;
        case "VOLUME":
          state.volumes = instruction.args.split(/\s+/);
          break;
        case "HEALTHCHECK":
          state.healthcheck = execForm(instruction.args.slice(instruction.args.indexOf("CMD") + 3));
          break;
        case "CMD":
          state.cmd = execForm(instruction.args);
          break;
        default:
          throw new Error(`${at(instruction)}: not understood by tests/support/dockerfile.ts`);
      }
    }
    image = state;
  }
  return image!;
}

/** `cp -a`, for node_modules-sized trees: Node's own copy is far slower and would block the runner. */
async function copyTree(source: string, target: string) {
  const directory = (await stat(source)).isDirectory();
  await mkdir(directory ? target : path.dirname(target), { recursive: true });
  const child = spawn("cp", ["-a", directory ? `${source}/.` : source, target], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr!.on("data", (chunk) => (errors += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`copying ${source} failed: ${errors}`);
}

/** The test runner's own variables stay out of the build (VITEST turns off the Remix plugin). */
const buildEnvironment = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_ENV"));

async function runStep(step: string, state: ExecutedImage, options: ExecuteOptions, userIds: Record<string, number>, at: string, log: (line: string) => void) {
  const words = step.split(/\s+/);
  if (words[0] === "apt-get") {
    // The packages a stage installs must be on this machine already (no package manager runs here).
    if (words[1] === "install") {
      for (const name of words.slice(2).filter((word) => !word.startsWith("-"))) {
        const tool = APT_TOOLS[name];
        if (!tool) throw new Error(`${at}: apt package ${name} has no tool to look for`);
        if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) throw new Error(`${at}: ${tool} (${name}) is not on this machine`);
      }
    }
    return;
  }
  if (step === "rm -rf /var/lib/apt/lists/*") return;
  if (words[0] === "mkdir" && words[1] === "-p") {
    for (const dir of words.slice(2)) mkdirSync(state.hostPath(dir), { recursive: true });
    return;
  }
  if (words[0] === "chown") {
    const id = userIds[words[1].split(":")[0]];
    if (id === undefined) throw new Error(`${at}: unknown owner ${words[1]}`);
    for (const target of words.slice(2)) chownSync(state.hostPath(target), id, id);
    return;
  }
  if (!["npm", "node", "npx"].includes(words[0])) throw new Error(`${at}: the step "${step}" is not understood by tests/support/dockerfile.ts`);
  if (words.some((word) => path.posix.isAbsolute(word))) throw new Error(`${at}: "${step}" names an absolute path`);
  const cwd = state.hostPath(state.workdir);
  log(`  $ ${step}`);
  // Asynchronous: a build step takes minutes, and the test runner must stay responsive meanwhile.
  const env = { ...buildEnvironment(), ...options.runEnv, ...state.env } as unknown as NodeJS.ProcessEnv;
  const child = spawn("sh", ["-c", step], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${at}: "${step}" exited with ${code}:\n${output.slice(-4000)}`);
}

export interface RunningContainer {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs the image's CMD as its USER, with the image's ENV overlaid by `env`, in its WORKDIR. */
export function runImage(image: ExecutedImage, env: Record<string, string>, userIds: Record<string, number> = { node: 1000 }, command = image.cmd): RunningContainer {
  if (!image.user) throw new Error("the image runs as root");
  const id = userIds[image.user];
  let output = "";
  const child = spawn("setpriv", [`--reuid=${id}`, `--regid=${id}`, "--clear-groups", "--", ...command], {
    cwd: image.hostPath(image.workdir),
    env: { PATH: process.env.PATH, HOME: image.hostPath("/tmp"), ...image.env, ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs the image's HEALTHCHECK command as its user; its exit code. */
export function healthcheck(image: ExecutedImage, env: Record<string, string>, userIds: Record<string, number> = { node: 1000 }): number | null {
  const id = userIds[image.user ?? ""] ?? 0;
  return spawnSync("setpriv", [`--reuid=${id}`, `--regid=${id}`, "--clear-groups", "--", ...image.healthcheck!], {
    cwd: image.hostPath(image.workdir),
    env: { PATH: process.env.PATH, ...image.env, ...env } as unknown as NodeJS.ProcessEnv,
    timeout: 10_000,
  }).status;
}
