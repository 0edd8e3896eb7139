import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learner search (docs/learners.md):
 * - `users.search_name`: a space, then the display name folded as foldForSearch folds Latin-script text (each
 *   letter with diacritics, and A-Z, to its a-z letter, đ to d; runs of anything else to one space), a column
 *   Postgres keeps in step with `display_name` itself (GENERATED ... STORED: every write path, sign-up, OIDC,
 *   rosters, de-identification, is covered without touching them). `LIKE '% term%'` matches the start of a word,
 *   served by a trigram index, as the organisation picker does.
 * - a trigram index on `users.phone` (E.164), so partial numbers (`LIKE '%345678%'`) need no scan.
 * - `users.profile_prompt_dismissed_at`: when the person last dismissed the "tell us your place and group"
 *   prompt (it comes back some days later while the profile still lacks them).
 * The fold is written out here because migrations import nothing.
 */
export class AddLearnerSearch1796464978177 implements MigrationInterface {
  name = 'AddLearnerSearch1796464978177';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "search_name" text GENERATED ALWAYS AS (rtrim(' ' || regexp_replace(translate("display_name", '${FOLD_FROM}', '${FOLD_TO}'), '[^a-z0-9]+', ' ', 'g'))) STORED`,
    );
    await queryRunner.query(`CREATE INDEX "users_search_name_trgm" ON "users" USING gin ("search_name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "users_phone_trgm" ON "users" USING gin ("phone" gin_trgm_ops)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "profile_prompt_dismissed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "profile_prompt_dismissed_at"`);
    await queryRunner.query(`DROP INDEX "users_phone_trgm"`);
    await queryRunner.query(`DROP INDEX "users_search_name_trgm"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "search_name"`);
  }
}

/** Every letter of A-Z, U+00C0–U+024F and U+1E00–U+1EFF that foldForSearch folds to one a-z letter, and that letter (as in AddOrganisationSearch). */
const FOLD_FROM =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ';
const FOLD_TO =
  'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy';
