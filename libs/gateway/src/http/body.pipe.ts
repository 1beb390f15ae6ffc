import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUuid, validatePayload, validationError } from '@balanse/contracts';

/**
 * Validates bodies against their contract class (whitelist, unknown fields refused, the body must
 * be a JSON object) and path ids as UUIDs, in lower case; the same classes validate again inside each service.
 */
@Injectable()
export class ContractPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      return validatePayload(metadata.metatype as new () => object, value ?? {});
    }
    if (metadata.type === 'param' && metadata.data && /id$/i.test(metadata.data)) {
      if (!isUuid(value)) {
        throw validationError([
          { field: metadata.data, message: `${metadata.data} must be a UUID` },
        ]);
      }
      return value.toLowerCase(); // ids are stored in lower case
    }
    return value;
  }
}
