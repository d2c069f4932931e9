// Durations as users write them in policies and `/delay`: `30s`, `15m`, `4h`, `2d`, `1w`, `1h30m`.
/** `30s`, `15m`, `4h`, `2d`, `1w`, or combinations such as `1h30m`. */
export const DURATION_PATTERN = /^(?:\d+[smhdw])+$/;

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds in a duration, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest exact spelling of a duration: 5400000 → `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = Math.round(ms / 1_000) * 1_000;
  let text = '';
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    const size = UNIT_MS[unit] ?? 1;
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  // Under half a second rounds to nothing.
  return text === '' ? '0s' : text;
}
