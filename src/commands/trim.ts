// Trimming a set of characters off the ends of a string, in linear time. The obvious regex,
// /[.,;]+$/, is quadratic in V8 on text full of those characters that does not end in one: it retries
// the run from every start position (136 ms for one 7,439-byte message, before the access check).
// Webex messages can be that long, and outsiders can send them, so these loops replace such patterns.

/** `s` without any of `chars` at its end. */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without any of `chars` at its start. */
export function trimStartChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start])) start++;
  return start === 0 ? s : s.slice(start);
}
