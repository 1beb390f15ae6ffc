import { ApiParam } from '@nestjs/swagger';

/** A path id (a UUID, any case), with an example id; path ids that are not UUIDs get 400. */
export function ApiIdParam(name: string, example: string, description?: string): MethodDecorator {
  return ApiParam({ name, format: 'uuid', example, description });
}
