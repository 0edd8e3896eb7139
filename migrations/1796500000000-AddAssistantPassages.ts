import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assistant's index (docs/assistant.md): the passages of each lesson revision, per language, with their
 * distinct search terms folded in TypeScript (`assistantTerms`: Vietnamese without diacritics, word pairs) in a
 * `text[]` under a GIN index. Revisions never change, so a revision is indexed once; what may be cited is decided
 * when asking, by joining the current version of each published course. `injection` marks a passage that holds
 * instructions for an assistant: it stays indexed (a rebuild need not guess) and is never cited.
 */
export class AddAssistantPassages1796500000000 implements MigrationInterface {
  name = 'AddAssistantPassages1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assistant_passages" (
         "lesson_revision_id" uuid NOT NULL REFERENCES "lesson_revisions"("id") ON DELETE CASCADE,
         "lang" text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
         "position" integer NOT NULL CHECK (position >= 0),
         "heading" text NOT NULL,
         "body" text NOT NULL,
         "terms" text[] NOT NULL,
         "term_count" integer NOT NULL CHECK (term_count >= 0),
         "injection" boolean NOT NULL DEFAULT false,
         "indexed_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "PK_assistant_passages" PRIMARY KEY ("lesson_revision_id", "lang", "position")
       )`,
    );
    await queryRunner.query(`CREATE INDEX "assistant_passages_terms_idx" ON "assistant_passages" USING gin ("terms")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assistant_passages"`);
  }
}
