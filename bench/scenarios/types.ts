/** What a scenario may use: the server's address and whatever the data step created. */
export interface BenchContext {
  baseUrl: string;
  data: Record<string, unknown>;
}

export interface ScenarioRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One named load: the same request (or a rotating set of requests) sent as fast as the server answers. */
export interface Scenario {
  name: string;
  description: string;
  requests(context: BenchContext): ScenarioRequest[];
}
