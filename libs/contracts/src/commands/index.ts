export * from './envelope';
export * from './identify.dto';
export * from './bulk.dto';
export * from './document.dto';
export * from './assess.dto';
export * from './dead-letters.dto';
export * from './needs.dto';
export * from './webhooks.dto';
