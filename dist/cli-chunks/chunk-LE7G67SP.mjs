#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/cli/cli-error.ts
var CliError = class extends Error {
  name = "CliError";
  exitCode;
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
};
var UsageError = class extends CliError {
  name = "UsageError";
  constructor(message) {
    super(message, 2);
  }
};

export {
  CliError,
  UsageError
};
