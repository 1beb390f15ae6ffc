import type { ApiClient } from './api-client';
import { FlowError } from './case-driver';

/** The same text as bokmål and English, for test standards where the language does not matter. */
export const both = (text: string) => ({ nb: text, en: text });

/** A standard of one cluster and area with `n` outcomes, as `POST /standards` takes it. */
export function smallStandard(code: string, n = 1) {
  return {
    code,
    title: both(`Standard ${code}`),
    owner: { name: 'Test employer' },
    clusters: [
      {
        title: both('Cluster'),
        areas: [
          {
            title: both('Area'),
            outcomes: Array.from({ length: n }, (_, i) => ({
              statement: both(`Can do ${i + 1}.`),
              category: 'skills',
            })),
          },
        ],
      },
    ],
  };
}

/**
 * Creates a standard (version 1, a draft) and publishes it, as cases may be opened only on a
 * published version; answers the published version.
 */
export async function publishedStandard(api: ApiClient, body: unknown): Promise<any> {
  const created = await api.post('/standards', body);
  if (created.status !== 201) throw new FlowError('create standard', created);
  const published = await api.post(`/standards/${created.body.id}/versions/1/publish`);
  if (published.status !== 200) throw new FlowError('publish standard', published);
  return published.body;
}
