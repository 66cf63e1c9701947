import {
  analyse,
  LearnedModel,
  type LabelSet,
  type TriageContext,
  type TriageResult,
  type WorkspacePhrases,
  type BrandProfile,
  type Category,
  type Level,
  Precedents,
} from '../triage';
import { MAX_PRECEDENTS } from '../triage/precedents';
import type { LearnedModelJSON } from '../triage/learned';
import { triageSettings, type Db } from '../store/repositories';
import type { BrandProfileRow } from '../store/repositories/triage-settings';

interface Loaded {
  version: string | null;
  phrases: WorkspacePhrases;
  precedents: Precedents;
  brands: BrandProfile | undefined;
  model: LearnedModel | undefined;
}

/**
 * Triage with each workspace's own phrases and learned model. Settings are cached per process and reloaded
 * when their version stamp changes, so an admin's new phrase or an agent's correction applies to the next
 * message in every process.
 */
export class WorkspaceTriage {
  private cache = new Map<string, Loaded>();
  constructor(private db: Db) {}

  /** `db` may be the caller's transaction: SQLite has one connection, so reads must go through it. */
  async analyse(workspaceId: string, text: string, context: TriageContext, db: Db = this.db): Promise<TriageResult> {
    const s = await this.load(workspaceId, db);
    return analyse(
      { text, context },
      { workspacePhrases: s.phrases, model: s.model, brands: s.brands, precedents: s.precedents },
    );
  }

  async setPhrases(workspaceId: string, phrases: WorkspacePhrases): Promise<void> {
    await triageSettings.save(this.db, workspaceId, { phrases });
  }

  async setBrands(workspaceId: string, brands: BrandProfileRow): Promise<void> {
    await triageSettings.save(this.db, workspaceId, { brands });
  }

  /** An agent's correction: stored for audit and learned by the workspace model at once. */
  async learn(workspaceId: string, text: string, labels: LabelSet): Promise<void> {
    const s = await this.load(workspaceId);
    const model = s.model ?? new LearnedModel();
    model.learn(text, labels);
    await triageSettings.save(this.db, workspaceId, { model: model.toJSON(), addCorrection: true });
  }

  private async load(workspaceId: string, db: Db = this.db): Promise<Loaded> {
    const version = await triageSettings.version(db, workspaceId);
    const hit = this.cache.get(workspaceId);
    if (hit && hit.version === version) return hit;
    const s = await triageSettings.get(db, workspaceId);
    // Every correction also saves the model (a new version stamp), so the precedents reload with it.
    const decisions = await triageSettings.recentCorrections(db, workspaceId, MAX_PRECEDENTS);
    const loaded: Loaded = {
      precedents: new Precedents(
        decisions.map((d) => ({
          text: d.text,
          level: d.after.level as Level | undefined,
          categories: d.after.categories as Category[] | undefined,
        })),
      ),
      version: s.updatedAt,
      phrases: s.phrases,
      brands: Object.values(s.brands).some((l) => l.length > 0) ? s.brands : undefined,
      model: s.model ? LearnedModel.fromJSON(s.model as LearnedModelJSON) : undefined,
    };
    this.cache.set(workspaceId, loaded);
    return loaded;
  }
}
