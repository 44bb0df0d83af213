/**
 * The catalogue (目录): the town's communities, compounds, stations, member units, categories,
 * deadlines and policies. `GET /api/catalogue` returns exactly this shape, and `CATALOGUE_FILE`
 * replaces the default with a file of the same shape.
 */
export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

export interface Name {
  readonly zh: string;
  readonly en: string;
}

/** 镇/街道: the town (or sub-district) whose coordination office runs the joint meeting. */
export interface Town {
  readonly id: string;
  readonly name: Name;
}

/** 社区: a community; one station (工作站) covers it. */
export interface Community {
  readonly id: string;
  readonly name: Name;
  readonly stationId: string;
}

/** 小区: a residential compound of a community. */
export interface Compound {
  readonly id: string;
  readonly name: Name;
  readonly communityId: string;
}

/**
 * Where a unit's or a station's notifications (通知) are POSTed, signed with the secret that
 * `secretRef` names in the secrets file (WEBHOOK_SECRETS_FILE): never the secret itself, so the
 * catalogue can be read by everyone signed in and kept in version control.
 */
export interface Webhook {
  readonly url: string;
  readonly secretRef: string;
}

/** 综合执法进小区工作站: the enforcement station of one or more pilot communities. */
export interface Station {
  readonly id: string;
  readonly name: Name;
  readonly webhook?: Webhook;
}

/** 联系人: whom the office and the stations call at a unit (its duty line, 值班电话, or a named officer). */
export interface UnitContact {
  readonly name: string;
  readonly phone: string;
}

/** 成员单位: a member unit (department) that can be summoned. */
export interface Unit {
  readonly id: string;
  readonly name: Name;
  readonly webhook?: Webhook;
  readonly contacts?: readonly UnitContact[];
}

/**
 * A category's own deadlines where they differ from the catalogue's (a broken lift is reported in
 * on sooner than clutter): the report-in and grace per level and the activity after a level-1
 * whistle. The others are the catalogue's for every category.
 */
export interface CategoryDeadlines {
  readonly reportIn?: { readonly '2': string; readonly '3': string };
  readonly grace?: { readonly '2': string; readonly '3': string };
  readonly activity?: string;
}

export interface Category {
  readonly id: string;
  readonly name: Name;
  readonly defaultLevel: Level;
  readonly unitIds: readonly string[];
  readonly deadlines?: CategoryDeadlines;
}

/**
 * ISO-8601 durations on the clock (`PT30M`, `P3D`), or working days (工作日) written `P<n>WD` for the
 * activity, tabling, resolution tasks and reopening window (see `addDeadline` in the kernel).
 */
export interface Deadlines {
  /** 报到: report-in after a level-2 and a level-3 whistle. */
  readonly reportIn: { readonly '2': string; readonly '3': string };
  /** A level-1 publicity activity arranged after the whistle. */
  readonly activity: string;
  /** A level-4 case tabled at a joint meeting. */
  readonly tabling: string;
  /** A resolution's tasks carried out, when the resolution names no deadline. */
  readonly resolutionTasks: string;
  /** After a missed report-in deadline, before the level rises by itself (levels 2–3). */
  readonly grace: { readonly '2': string; readonly '3': string };
  /** A closed case may be reopened this long after closing. */
  readonly reopenWindow: string;
  /** A report of the same compound and category within this window is a probable duplicate. */
  readonly duplicateWindow: string;
}

export interface Policies {
  /** A resolution needs more than this share of the invited units present. */
  readonly quorumShare: number;
  /** A case deferred more often than this is referred upward (to the district). */
  readonly maxDeferrals: number;
}

export interface Catalogue {
  readonly version: 1;
  readonly town: Town;
  readonly communities: readonly Community[];
  readonly compounds: readonly Compound[];
  readonly stations: readonly Station[];
  readonly units: readonly Unit[];
  readonly categories: readonly Category[];
  readonly deadlines: Deadlines;
  readonly policies: Policies;
}
