#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/core/duration.ts
var DURATION_PATTERN = /^(?:\d+[smhdw])+$/;
var UNIT_MS = {
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
function parseDuration(text) {
  if (!DURATION_PATTERN.test(text)) return void 0;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * (UNIT_MS[unit ?? ""] ?? Number.NaN);
  }
  return Number.isSafeInteger(total) ? total : void 0;
}
function formatDuration(ms) {
  if (ms <= 0) return "0s";
  let rest = Math.round(ms / 1e3) * 1e3;
  let text = "";
  for (const unit of ["w", "d", "h", "m", "s"]) {
    const size = UNIT_MS[unit] ?? 1;
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text === "" ? "0s" : text;
}

export {
  DURATION_PATTERN,
  parseDuration,
  formatDuration
};
