import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation picker searches a stored, folded copy of each name (organisations.search_name: a space, then
 * the name folded by foldForSearch, which the directory import writes) through a trigram index, and code
 * prefixes through an index on lower(code), instead of folding every name of the table on every keystroke. pg_trgm is a trusted extension (PostgreSQL 13+): the
 * database owner may create it.
 */
export class AddOrganisationSearch1795880118181 implements MigrationInterface {
  name = 'AddOrganisationSearch1795880118181';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`ALTER TABLE "organisations" ADD "search_name" text NOT NULL DEFAULT ''`);
    // The rows already there, folded as foldForSearch folds Latin-script text (each letter with diacritics, and
    // A-Z, to its a-z letter; then runs of anything else to one space), written out here because migrations
    // import nothing.
    await queryRunner.query(
      `UPDATE "organisations" SET "search_name" = rtrim(' ' || regexp_replace(translate("name", $1, $2), '[^a-z0-9]+', ' ', 'g'))`,
      [FOLD_FROM, FOLD_TO],
    );
    await queryRunner.query(
      `CREATE INDEX "organisations_search_name_trgm" ON "organisations" USING gin ("search_name" gin_trgm_ops)`,
    );
    // Code prefixes (lower(code) LIKE 'abc%'), whatever the database's collation.
    await queryRunner.query(
      `CREATE INDEX "organisations_code_lower_idx" ON "organisations" (lower("code") text_pattern_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "organisations_code_lower_idx"`);
    await queryRunner.query(`DROP INDEX "organisations_search_name_trgm"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "search_name"`);
  }
}

/** Every letter of A-Z, U+00C0–U+024F and U+1E00–U+1EFF that foldForSearch folds to one a-z letter, and that letter. */
const FOLD_FROM =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ';
const FOLD_TO =
  'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy';
