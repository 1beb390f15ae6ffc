import { Client, type ClientConfig } from 'pg';

/** Statement texts given a name so far; beyond this many, new texts are sent unnamed. */
const PREPARED_LIMIT = 500;
const names = new Map<string, string>();

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < PREPARED_LIMIT) {
    name = `balanse_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A `pg` client that sends every statement with parameters as a named prepared statement, so
 * PostgreSQL parses and plans it once per connection and then only binds and executes it. The
 * services send the same few dozen texts over and over; TypeORM sends them unnamed. Used as
 * the pool's `Client` (see data-source.ts).
 */
export class PreparingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    (this as unknown as { query: (...args: unknown[]) => unknown }).query = (
      text: unknown,
      values?: unknown,
      callback?: unknown,
    ) => {
      const name =
        typeof text === 'string' && Array.isArray(values) && values.length > 0
          ? nameFor(text)
          : undefined;
      return name ? query({ name, text, values }, callback) : query(text, values, callback);
    };
  }
}
