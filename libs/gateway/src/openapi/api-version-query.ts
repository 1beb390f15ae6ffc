import { ApiQuery } from '@nestjs/swagger';

/** `?version=N` on a standard's reads: the version number, default the latest published. */
export const ApiVersionQuery = () =>
  ApiQuery({
    name: 'version',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 1000000 },
    description: 'the version number; default the latest published',
  });
