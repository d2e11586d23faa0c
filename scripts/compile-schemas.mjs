#!/usr/bin/env node
/**
 * Writes ajv's standalone validation code for schemas/document.schema.json to
 * build/schemas/document.validate.cjs (see src/validate/json-schema.ts, which compiles the schema
 * itself when this file is missing or was made from another version of the schema). Uses dist/:
 * run after tsc.
 *
 *   node scripts/compile-schemas.mjs [--if-stale]
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(argv) {
  const schemaModule = join(root, 'dist', 'validate', 'json-schema.js');
  const { DOCUMENT_SCHEMA_PATH, DOCUMENT_VALIDATOR_PATH, documentSchemaAjv, schemaSha256 } = await import(pathToFileURL(schemaModule).href);
  const text = await readFile(DOCUMENT_SCHEMA_PATH, 'utf8');
  const sha256 = schemaSha256(text);
  if (argv.includes('--if-stale')) {
    try {
      if (createRequire(import.meta.url)(DOCUMENT_VALIDATOR_PATH).schemaSha256 === sha256) return 0;
    } catch {
      // missing or broken: write it
    }
  }
  const ajv = documentSchemaAjv({ source: true });
  const validate = ajv.compile(JSON.parse(text));
  const standalone = createRequire(join(root, 'package.json'))('ajv/dist/standalone').default;
  const code = `${standalone(ajv, validate)}\nmodule.exports.schemaSha256 = ${JSON.stringify(sha256)};\n`;
  await mkdir(dirname(DOCUMENT_VALIDATOR_PATH), { recursive: true });
  const tmp = `${DOCUMENT_VALIDATOR_PATH}.${process.pid}.tmp`;
  await writeFile(tmp, code);
  await rename(tmp, DOCUMENT_VALIDATOR_PATH);
  console.log(`compiled ${relative(root, DOCUMENT_SCHEMA_PATH)} → ${relative(root, DOCUMENT_VALIDATOR_PATH)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`compile-schemas: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
