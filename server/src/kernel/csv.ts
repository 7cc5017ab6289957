/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvCell(value: string, separator: string): string {
  // A cell starting with = + - @ (or a tab or return) would run as a formula in a spreadsheet. A
  // negative amount stays a number, but only when the whole cell is one: "-1+1" is a formula.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
