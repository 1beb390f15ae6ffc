import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A portfolio is keyed by tenant and case id, not case id alone: a `case.identified` that claims
 * a case id in another tenant must not take the key the real case needs. Existing rows keep
 * their keys (case ids were unique, so each pair is too).
 */
export class PortfolioTenantKey1796000000200 implements MigrationInterface {
  name = 'PortfolioTenantKey1796000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE evidence DROP CONSTRAINT evidence_case_id_fkey;
      ALTER TABLE portfolio DROP CONSTRAINT portfolio_pkey;
      ALTER TABLE portfolio ADD PRIMARY KEY (tenant_id, case_id);
      ALTER TABLE evidence ADD CONSTRAINT evidence_portfolio_fkey
        FOREIGN KEY (tenant_id, case_id) REFERENCES portfolio (tenant_id, case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE evidence DROP CONSTRAINT evidence_portfolio_fkey;
      ALTER TABLE portfolio DROP CONSTRAINT portfolio_pkey;
      ALTER TABLE portfolio ADD PRIMARY KEY (case_id);
      ALTER TABLE evidence ADD CONSTRAINT evidence_case_id_fkey
        FOREIGN KEY (case_id) REFERENCES portfolio (case_id);
    `);
  }
}
