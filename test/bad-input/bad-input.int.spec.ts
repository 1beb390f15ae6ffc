// Bad input on every public endpoint, one group of rows per endpoint (the `*.rows.ts` files
// beside this one), all against one embedded instance: see bad-input.support.ts.
import { deadLetterRows } from './admin.rows';
import { assessRows } from './assess.rows';
import { authRows } from './auth.rows';
import { describeBadInput } from './bad-input.support';
import { bulkRows } from './bulk.rows';
import { caseExchangeRows } from './case-exchange.rows';
import { caseRows } from './cases.rows';
import { credentialRows } from './credentials.rows';
import { evidenceRows } from './evidence.rows';
import { caseMappingGroup, needRows } from './needs.rows';
import { outcomeRows } from './outcomes.rows';
import { pagingRows } from './paging.rows';
import { scopeRows } from './scope.rows';
import { standardRows } from './standards.rows';
import { statisticsRows } from './statistics.rows';
import { verifyRows } from './verify.rows';
import { webhookRows } from './webhooks.rows';

describeBadInput([
  authRows,
  standardRows,
  caseRows,
  scopeRows,
  evidenceRows,
  assessRows,
  credentialRows,
  verifyRows,
  outcomeRows,
  pagingRows,
  deadLetterRows,
  needRows,
  caseMappingGroup,
  webhookRows,
  bulkRows,
  caseExchangeRows,
  statisticsRows,
]);
