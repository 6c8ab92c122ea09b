// Compiles the contracts with the pinned solc-js (see package-lock.json) and writes one artifact per contract
// to src/main/resources/io/bttspeed/contracts/artifacts/<Name>.json. The output is byte-for-byte reproducible:
// CI rebuilds it and fails when the committed artifacts differ from the sources.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const solc = require("solc");
const { keccak256 } = require("js-sha3");

const EXPECTED_SOLC = "0.8.26+commit.8a97fa7a.Emscripten.clang";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "src/main/resources/io/bttspeed/contracts/artifacts");

// Every setting that changes bytecode lives here and is copied into each artifact.
const settings = {
  evmVersion: "paris", // no PUSH0, MCOPY or transient storage, so TVM versions without them run it too
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: "none" }, // no IPFS hash in the bytecode, so comments do not change it
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

// Solidity contracts deployed as they are.
const SOLIDITY_CONTRACTS = ["BttToken", "SpeedChannels"];
// Yul objects, each with the Solidity interface that declares its ABI.
const YUL_CONTRACTS = [{ name: "SpeedChannelsTrc10", abiFrom: "ISpeedChannelsTrc10" }];

function compile(input) {
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  for (const e of output.errors || []) {
    console.error(e.formattedMessage || e.message);
  }
  if (errors.length > 0) {
    throw new Error(`solc reported ${errors.length} error(s)`);
  }
  return output;
}

function solidityOutput() {
  const dir = join(root, "src/solidity");
  const sources = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sol")).sort()) {
    sources[file] = { content: readFileSync(join(dir, file), "utf8") };
  }
  return compile({ language: "Solidity", sources, settings }).contracts;
}

function contractOf(contracts, name) {
  for (const file of Object.keys(contracts)) {
    if (contracts[file][name]) {
      return contracts[file][name];
    }
  }
  throw new Error(`contract ${name} not found in the Solidity output`);
}

function signature(item) {
  return `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
}

// The Yul dispatcher and logs carry selectors and topics as literals; this catches a typo or a stale literal.
function checkYulAgainstAbi(name, source, abi) {
  const problems = [];
  for (const item of abi) {
    const hash = keccak256(signature(item));
    if (item.type === "function" && !source.includes(`case 0x${hash.slice(0, 8)} `)) {
      problems.push(`no dispatcher case for ${signature(item)} (0x${hash.slice(0, 8)})`);
    }
    if (item.type === "event" && !source.includes(`0x${hash}`)) {
      problems.push(`no log with topic of ${signature(item)} (0x${hash})`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${name}.yul does not match its ABI:\n  ${problems.join("\n  ")}`);
  }
}

function yulArtifact(name, abi) {
  const file = `${name}.yul`;
  const source = readFileSync(join(root, "src/yul", file), "utf8");
  checkYulAgainstAbi(name, source, abi);
  const output = compile({ language: "Yul", sources: { [file]: { content: source } }, settings });
  const contract = output.contracts[file][name];
  return artifact(name, abi, contract.evm.bytecode.object, contract.evm.deployedBytecode.object, "yul");
}

// Keys in a fixed order (JSON.stringify keeps insertion order), so a rebuild writes identical bytes.
function sortKeys(value) {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

function artifact(name, abi, bytecode, deployedBytecode, language) {
  if (!bytecode || !deployedBytecode) {
    throw new Error(`${name}: empty bytecode`);
  }
  return {
    contractName: name,
    sourceLanguage: language,
    compiler: {
      version: solc.version(),
      evmVersion: settings.evmVersion,
      optimizerRuns: settings.optimizer.runs,
      bytecodeHash: settings.metadata.bytecodeHash,
    },
    abi: sortKeys(abi),
    bytecode,
    deployedBytecode,
  };
}

function main() {
  if (solc.version() !== EXPECTED_SOLC) {
    throw new Error(`expected solc ${EXPECTED_SOLC}, found ${solc.version()}; run npm ci`);
  }
  const contracts = solidityOutput();
  const artifacts = SOLIDITY_CONTRACTS.map((name) => {
    const c = contractOf(contracts, name);
    return artifact(name, c.abi, c.evm.bytecode.object, c.evm.deployedBytecode.object, "solidity");
  });
  for (const { name, abiFrom } of YUL_CONTRACTS) {
    artifacts.push(yulArtifact(name, contractOf(contracts, abiFrom).abi));
  }
  mkdirSync(outDir, { recursive: true });
  for (const a of artifacts) {
    writeFileSync(join(outDir, `${a.contractName}.json`), JSON.stringify(a, null, 2) + "\n");
    console.log(`${a.contractName}: ${a.deployedBytecode.length / 2} bytes runtime`);
  }
}

main();
