import type {
  CompletionRule,
  CoveragePlanDefinition,
  LocalizedText,
  UniversalisationRuleSet,
} from '@hocvuso/domain';

/**
 * The validated, normalised content of the content/ folder, as the content library hands it to the
 * importer. Every text is NFC; Markdown is already rendered to sanitised HTML; hashes identify content.
 */
export interface ContentBundle {
  targetGroups: Array<{
    code: string;
    kind: 'group' | 'sub_group';
    name: LocalizedText;
    description: LocalizedText | null;
    position: number;
  }>;
  frameworks: FrameworkData[];
  mappings: Array<{
    fromFramework: string;
    fromCode: string;
    toFramework: string;
    toCode: string;
    relation: string;
  }>;
  courses: CourseData[];
  /** content/indicators/<plan-id>.yaml: coverage plans (absent folder: none). */
  plans?: PlanData[];
  /** content/indicators/universalisation.yaml, when the folder has it. */
  universalisationRules?: UniversalisationRulesData;
  /** content/placement/<group>.yaml: one placement test per target group (absent folder: none). */
  placementTests?: PlacementTestData[];
}

/** A placement test: items tagged with competencies of the group's framework (docs/placement.md). */
export interface PlacementTestData {
  targetGroup: string;
  framework: string;
  /** Bank questions (the quiz format), each `competency` a competency of `framework`. */
  questions: unknown[];
  contentHash: string;
}

/** The universalisation rules; their content hash is the rule version confirmations record. */
export interface UniversalisationRulesData {
  rules: UniversalisationRuleSet;
  contentHash: string;
}

export interface PlanData {
  id: string;
  definition: CoveragePlanDefinition;
  contentHash: string;
}

export interface FrameworkData {
  id: string;
  version: string;
  name: LocalizedText;
  source: Record<string, unknown>;
  levels: Array<{ code: number; name: LocalizedText; band?: LocalizedText }>;
  notes: LocalizedText | null;
  domains: Array<{
    code: string;
    name: LocalizedText;
    description: LocalizedText | null;
    provisional: boolean;
    targetGroups: string[];
    position: number;
  }>;
  competencies: Array<{
    code: string;
    domainCode: string;
    name: LocalizedText;
    description: LocalizedText | null;
    provisional: boolean;
    position: number;
  }>;
  contentHash: string;
}

export interface LessonData {
  key: string;
  kind: 'text' | 'video' | 'document' | 'checklist' | 'quiz';
  minutes: number;
  title: LocalizedText;
  bodyHtml: LocalizedText;
  minReadSeconds: number;
  data: Record<string, unknown>;
  competencies: string[];
  contentHash: string;
}

export interface QuestionBankData {
  key: string;
  questions: unknown[];
  contentHash: string;
}

export interface CourseData {
  id: string;
  edition: string;
  defaultLanguage: string;
  languages: string[];
  title: LocalizedText;
  summary: LocalizedText;
  descriptionHtml: LocalizedText;
  targetGroups: string[];
  subGroups: string[];
  competencies: Array<{ framework: string; code: string; level: number | null }>;
  estimatedMinutes: number;
  certificate: boolean;
  completion: CompletionRule;
  modules: Array<{ key: string; title: LocalizedText; lessons: string[] }>;
  lessons: LessonData[];
  banks: QuestionBankData[];
  /** Diacritics-folded search text by weight: A titles, B summaries, C outline and competencies. */
  search: { title: string; a: string; b: string; c: string };
  contentHash: string;
}
