// ISO-8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday), in UTC.

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** The week a time falls in: `2026-W10`, and its Monday at 00:00 UTC in milliseconds. */
export function createIsoWeek(ms: number): { week: string; monday: number } {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = day - weekday * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { week: `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`, monday };
}
