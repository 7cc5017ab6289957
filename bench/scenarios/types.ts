import type { BenchData } from '../data.ts';

/** What a scenario may use: the server's address and the data set it runs against. */
export interface BenchContext {
  baseUrl: string;
  data: BenchData;
}

export interface ScenarioRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** For requests that must differ every time (a new stay): the next path and body. */
  next?: () => { path: string; body?: string };
}

/** One named load: the same request (or a rotating set of requests) sent as fast as the server answers. */
export interface Scenario {
  name: string;
  description: string;
  /** The status every answer should have; any 2xx when absent. */
  expectStatus?: number;
  requests(context: BenchContext): ScenarioRequest[];
}
