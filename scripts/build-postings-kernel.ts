/**
 * npm run build:kernel
 * Compiles lib/search/segment/postings-kernel.wat (the WebAssembly pass of a search's hottest
 * loop) with wabt and writes the binary, base64, to lib/search/segment/postings-kernel-wasm.ts:
 * a module any bundler carries along, where a .wasm file beside the code would have to be found
 * at run time. postings-kernel.test.ts compiles the source again and fails when they differ.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { compileWat } from "./lib/compile-wat";
import { kernelModuleSource, KERNEL_SOURCE, KERNEL_TARGET } from "./lib/postings-kernel-source";

const binary = await compileWat(path.join(process.cwd(), KERNEL_SOURCE));
await writeFile(path.join(process.cwd(), KERNEL_TARGET), kernelModuleSource(binary));
console.log(`${KERNEL_TARGET}: ${binary.length} bytes of WebAssembly from ${KERNEL_SOURCE}`);
