/**
 * Creates the data set the scenarios read and write, through the API, before
 * any load runs. Empty for now: modules add their part (accounts, 100 houses,
 * a year of reservations…) and return what scenarios need (tokens, ids).
 */
export async function generateData(_baseUrl: string): Promise<Record<string, unknown>> {
  return {};
}
