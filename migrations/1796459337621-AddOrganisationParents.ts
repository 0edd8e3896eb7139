import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations form a forest (agency → its departments → their offices): an optional parent, an existing
 * organisation, never the organisation itself nor one of its own sub-units. The import checks all of it and
 * reports rows (planOrganisationTree); the trigger is the last word for any other writer, and refuses a parent
 * chain deeper than the import's cap (10) as well.
 */
export class AddOrganisationParents1796459337621 implements MigrationInterface {
  name = 'AddOrganisationParents1796459337621';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" ADD "parent_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_organisations_parent" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "CHK_organisations_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_organisations_parent_id" ON "organisations" ("parent_id")`);
    await queryRunner.query(`
      CREATE FUNCTION organisations_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        hops int;
      BEGIN
        IF NEW.parent_id IS NULL THEN
          RETURN NEW;
        END IF;
        WITH RECURSIVE up(id, depth) AS (
          SELECT NEW.parent_id, 1
          UNION ALL
          SELECT o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.id
           WHERE o.parent_id IS NOT NULL AND up.id <> NEW.id AND up.depth <= 10
        )
        SELECT count(*) FILTER (WHERE id = NEW.id) INTO hops FROM up;
        IF hops > 0 THEN
          RAISE EXCEPTION 'organisation % would be its own ancestor', NEW.code USING ERRCODE = 'check_violation';
        END IF;
        IF (WITH RECURSIVE up(id, depth) AS (
              SELECT NEW.parent_id, 1
              UNION ALL
              SELECT o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.id
               WHERE o.parent_id IS NOT NULL AND up.depth <= 10
            ) SELECT max(depth) FROM up) >= 10 THEN
          RAISE EXCEPTION 'organisation % would sit more than 10 levels deep', NEW.code USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "organisations_no_cycle" BEFORE INSERT OR UPDATE OF "parent_id" ON "organisations" FOR EACH ROW EXECUTE FUNCTION organisations_no_cycle()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "organisations_no_cycle" ON "organisations"`);
    await queryRunner.query(`DROP FUNCTION organisations_no_cycle()`);
    await queryRunner.query(`DROP INDEX "IDX_organisations_parent_id"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "CHK_organisations_not_own_parent"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "FK_organisations_parent"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "parent_id"`);
  }
}
