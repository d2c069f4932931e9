/** Waits `ms` milliseconds on the global timer (which tests' fake timers drive). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
