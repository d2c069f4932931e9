// Whether a policy's text can name a base policy at all, without parsing it: YAML can spell the
// `extends` key only with its letters or with an escape in a quoted key. A policy with neither
// has none, so it is not parsed twice (a 500-rule policy costs ~100 ms to parse) and, in
// `gatehouse plan`, the YAML parser is not even loaded when the parsed policy is cached.
export function mayNameExtends(text: string): boolean {
  return text.includes('extends') || text.includes('\\');
}
